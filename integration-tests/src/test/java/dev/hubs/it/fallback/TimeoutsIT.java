package dev.hubs.it.fallback;

import dev.hubs.it.support.Deployments;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clocks of the fallback transports, shortened by configuration: a held poll ends empty after
 * {@code hubs.poll-timeout}; a long-polling client that stops polling is disconnected after
 * {@code hubs.disconnect-timeout} ({@code @OnDisconnected} runs with a {@code TimeoutException}, and the server
 * forgets the connection: its id gets 404); an event-stream client that goes away is disconnected too (the
 * keep-alive pings, every second here, find the stream gone).
 */
@ExtendWith(ArquillianExtension.class)
class TimeoutsIT {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(TimeoutsIT.class, TransportHub.class, DisconnectLog.class),
                "hubs.poll-timeout=" + POLL_TIMEOUT.toSeconds() + "s",
                "hubs.disconnect-timeout=" + DISCONNECT_TIMEOUT.toSeconds() + "s",
                "hubs.keep-alive-interval=1s");
    }

    @ArquillianResource
    URL base;

    private HubHttp http;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void hub() {
        http = new HubHttp(base, "transport");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void aHeldPollEndsEmptyAfterThePollTimeoutAndTheConnectionGoesOn() {
        LongPoll poll = LongPoll.connect(http);
        opened.add(poll);
        long started = System.nanoTime();
        HttpResponse<String> response = poll.poll();
        Duration held = Duration.ofNanos(System.nanoTime() - started);
        assertAll(
                () -> assertEquals(200, response.statusCode(), HubHttp.describe(response)),
                () -> assertEquals("", response.body(), HubHttp.describe(response)),
                () -> assertTrue(held.compareTo(POLL_TIMEOUT.minusMillis(200)) >= 0,
                        "The poll must be held for the poll timeout (" + POLL_TIMEOUT + "), but ended after "
                                + held.toMillis() + " ms"));
        // Polling on, the connection is alive: the poll timeout is not the end of the connection.
        assertEquals("alive", poll.invokeForString("1", "echo", "alive"));
    }

    @Test
    void aLongPollingClientThatStopsPollingIsDisconnected() {
        LongPoll poll = LongPoll.connect(http);
        String id = poll.invokeForString("1", "whoAmI");
        poll.invokeForString("2", "echo", "last request");
        JsonObject joined = poll.invoke("3", "join", "room");
        assertFalse(joined.containsKey("error"), joined::toString);
        long lastPoll = System.nanoTime();
        // From here on the client sends nothing: it vanished without DELETE.

        WsObserver observer = new WsObserver(http);
        opened.add(observer);
        assertEquals(TransportHub.NOT_DISCONNECTED, observer.disconnection(id), "Right after its last poll");
        String cause = observer.awaitDisconnection(id);
        Duration after = Duration.ofNanos(System.nanoTime() - lastPoll);

        assertEquals("TimeoutException", cause, "@OnDisconnected of a client that stopped polling");
        assertTrue(after.compareTo(DISCONNECT_TIMEOUT) >= 0,
                "Disconnected after " + after.toMillis() + " ms, before the disconnect timeout of "
                        + DISCONNECT_TIMEOUT);
        // The server forgot the connection.
        HttpResponse<String> late = poll.poll();
        assertEquals(404, late.statusCode(), "A poll of the vanished client: " + HubHttp.describe(late));
        HttpResponse<String> post = poll.send(Records.invocation("4", "echo", "x"));
        assertEquals(404, post.statusCode(), "A POST of the vanished client: " + HubHttp.describe(post));
        // Its group still works for the others.
        observer.invoke("join", "room");
        observer.invoke("sendGroup", "room", "after");
    }

    @Test
    void anEventStreamClientThatGoesAwayIsDisconnected() {
        SseConnection sse = SseConnection.connect(http);
        String id = sse.invoke("1", "whoAmI").getString("result");
        WsObserver observer = new WsObserver(http);
        opened.add(observer);
        assertEquals(TransportHub.NOT_DISCONNECTED, observer.disconnection(id));

        sse.close(); // the client's side of the stream closes, without any message

        String cause = observer.awaitDisconnection(id);
        assertFalse(TransportHub.NOT_DISCONNECTED.equals(cause), cause);
        HttpResponse<String> late = http.post(sse.query(), Records.invocation("2", "echo", "x"));
        assertEquals(404, late.statusCode(), "A POST of the vanished client: " + HubHttp.describe(late));
    }
}
