package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.JsScenario.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The refusals of SignalR's transport protocol at the hub path, with SignalR's status codes and texts: no
 * {@code id}, an unknown one, a transport the hub does not offer (per-hub {@code transports} option), a second event
 * stream, a change of transport, POST to a WebSocket connection, DELETE of a connection that is not long polling;
 * and negotiate listing exactly the transports each hub offers.
 */
@ExtendWith(ArquillianExtension.class)
class TransportErrorsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(TransportErrorsIT.class, TransportHub.class, DisconnectLog.class,
                        RestrictedHub.class, EventsOnlyHub.class),
                RestrictedHub.CONFIG, EventsOnlyHub.CONFIG);
    }

    @ArquillianResource
    URL base;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private HubHttp hub(String path) {
        return new HubHttp(base, path);
    }

    @Test
    void negotiateListsExactlyTheTransportsEachHubOffers() {
        JsonValue all = json("[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
                + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]");
        JsonValue restricted = json("[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]");
        JsonValue eventsOnly = json("[{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]}]");
        assertAll(
                () -> assertEquals(all, hub("transport").raw().negotiateV1().get("availableTransports"),
                        "With hubs-servlet-fallback in the WAR and no restriction"),
                () -> assertEquals(restricted, hub("restricted").raw().negotiateV1().get("availableTransports"),
                        RestrictedHub.CONFIG),
                () -> assertEquals(eventsOnly, hub("events-only").raw().negotiateV1().get("availableTransports"),
                        EventsOnlyHub.CONFIG));
    }

    @Test
    void requestsWithoutAnIdGet400() {
        HubHttp http = hub("transport");
        assertAll(
                () -> assertRefused(400, "Connection ID required", http.get("")),
                () -> assertRefused(400, "Connection ID required", http.getEventStreamRefused("")),
                () -> assertRefused(400, "Connection ID required", http.post("", Records.HANDSHAKE)),
                () -> assertRefused(400, "Connection ID required", http.delete("")),
                () -> assertRefused(400, "Connection ID required", http.get("id=")));
    }

    @Test
    void requestsWithAnUnknownIdGet404() {
        HubHttp http = hub("transport");
        String unknown = "id=unknown-connection-token";
        assertAll(
                () -> assertRefused(404, "No Connection with that ID", http.get(unknown)),
                () -> assertRefused(404, "No Connection with that ID", http.getEventStreamRefused(unknown)),
                () -> assertRefused(404, "No Connection with that ID", http.post(unknown, Records.HANDSHAKE)),
                () -> assertRefused(404, "No Connection with that ID", http.delete(unknown)));
    }

    @Test
    void aTransportTheHubDoesNotOfferGets404() throws Exception {
        HubHttp restricted = hub("restricted");
        assertRefused(404, "ServerSentEvents transport not supported by this end point type",
                restricted.getEventStreamRefused(query(restricted.negotiateToken())));
        // What it offers works, and the hub sees the transport.
        try (LongPoll poll = LongPoll.connect(restricted)) {
            assertEquals("LongPolling", poll.invokeForString("1", "transport"));
        }

        HubHttp eventsOnly = hub("events-only");
        assertRefused(404, "LongPolling transport not supported by this end point type",
                eventsOnly.get(query(eventsOnly.negotiateToken())));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> eventsOnly.raw().openAsync(eventsOnly.negotiateToken())
                        .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "A WebSocket to a hub that does not offer WebSockets");
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                refused.getCause());
        // The JDK keeps no body of a refused upgrade: the status is what can be checked.
        assertEquals(404, handshake.getResponse().statusCode());
        try (SseConnection sse = SseConnection.connect(eventsOnly)) {
            assertEquals("ServerSentEvents", sse.invoke("1", "transport").getString("result"));
        }
    }

    @Test
    void aSecondEventStreamGets409() {
        HubHttp http = hub("transport");
        SseConnection sse = opened(SseConnection.connect(http));
        HttpResponse<String> second = http.getEventStreamRefused(sse.query());
        assertEquals(409, second.statusCode(), HubHttp.describe(second));
        // The first stream goes on.
        assertEquals("still here", sse.invoke("1", "echo", "still here").getString("result"));
    }

    @Test
    void changingTheTransportOfAConnectionGets400() {
        HubHttp http = hub("transport");
        String text = "Cannot change transports mid-connection";

        SseConnection sse = opened(SseConnection.connect(http));
        LongPoll polling = opened(LongPoll.connect(http));
        String webSocketToken = http.negotiateToken();
        RawConnection webSocket = opened(webSocket(http.raw(), webSocketToken));

        assertAll(
                () -> assertRefused(400, text, http.get(sse.query())),
                () -> assertRefused(400, text, http.getEventStreamRefused(polling.query())),
                () -> assertRefused(400, text, http.get(query(webSocketToken))),
                () -> assertRefused(400, text, http.getEventStreamRefused(query(webSocketToken))));
        // None of them was disturbed.
        assertEquals("sse", sse.invoke("1", "echo", "sse").getString("result"));
        assertEquals("lp", polling.invokeForString("1", "echo", "lp"));
        webSocket.send(Records.invocation("1", "echo", "ws"));
        assertEquals("ws", Records.parse(webSocket.nextRecord()).getString("result"));
    }

    @Test
    void postToAWebSocketConnectionGets405() {
        HubHttp http = hub("transport");
        String token = http.negotiateToken();
        opened(webSocket(http.raw(), token));
        assertRefused(405, "POST requests are not allowed for WebSocket connections.",
                http.post(query(token), Records.invocation("1", "echo", "x")));
    }

    @Test
    void deleteOfAConnectionThatIsNotLongPollingGets400() {
        HubHttp http = hub("transport");
        String text = "Cannot terminate this connection using the DELETE endpoint.";
        SseConnection sse = opened(SseConnection.connect(http));
        String token = http.negotiateToken();
        opened(webSocket(http.raw(), token));
        assertAll(
                () -> assertRefused(400, text, http.delete(sse.query())),
                () -> assertRefused(400, text, http.delete(query(token))));
        assertEquals("alive", sse.invoke("1", "echo", "alive").getString("result"));
    }

    /** A WebSocket connection with its handshake done, opened with a known token. */
    private static RawConnection webSocket(RawHub hub, String token) {
        RawConnection connection = hub.open(token);
        connection.send(RawHub.JSON_HANDSHAKE);
        assertEquals("{}", connection.nextRecord());
        return connection;
    }

    private static String query(String token) {
        return "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static void assertRefused(int status, String text, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> HubHttp.describe(response));
        assertEquals(text, response.body(), () -> HubHttp.describe(response));
    }
}
