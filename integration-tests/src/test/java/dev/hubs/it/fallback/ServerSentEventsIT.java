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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-Sent Events over raw HTTP: the stream's headers and framing exactly (the {@code :} preamble, then each
 * write as {@code data: <records>} and an empty line, every line ended by CR LF), the handshake and invocations by
 * POST, several records in one POST, and messages from other connections arriving as events.
 */
@ExtendWith(ArquillianExtension.class)
class ServerSentEventsIT {

    /** The whole of a well-framed stream: the preamble, then events of data lines. */
    private static final Pattern FRAMING = Pattern.compile(":\r\n(data: [^\r\n]*\r\n(data: [^\r\n]*\r\n)*\r\n)*");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(ServerSentEventsIT.class, TransportHub.class, DisconnectLog.class);
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
    void theStreamStartsWithThePreambleAndCarriesTheHandshakeAsAnEvent() {
        SseConnection sse = SseConnection.open(http);
        opened.add(sse);
        HttpResponse<?> response = sse.stream().response();
        assertAll(
                () -> assertEquals(200, response.statusCode()),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/event-stream"), response.headers().map()::toString),
                () -> assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-cache"),
                        response.headers().map()::toString));

        HttpResponse<String> handshake = sse.send(Records.HANDSHAKE);
        assertEquals(200, handshake.statusCode(), HubHttp.describe(handshake));
        assertEquals("{}" + Records.RS, sse.stream().nextEvent());
        assertEquals(":\r\ndata: {}" + Records.RS + "\r\n\r\n", sse.stream().transcript(),
                "The stream, byte for byte, up to the handshake response");

        assertEquals("ServerSentEvents", sse.invoke("1", "transport").getString("result"),
                "HubCallerContext.transport() of an SSE connection");
        assertWellFramed(sse);
    }

    @Test
    void aPostMayCarrySeveralRecords() {
        SseConnection sse = SseConnection.connect(http);
        opened.add(sse);
        HttpResponse<String> sent = sse.send(Records.invocation("1", "echo", "a")
                + Records.invocation("2", "echo", "b")
                + Records.invocation("3", "echo", "c"));
        assertEquals(200, sent.statusCode(), HubHttp.describe(sent));
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonObject completion = Records.parse(sse.nextRecord());
            results.add(completion.getString("invocationId") + "=" + completion.getString("result"));
        }
        assertEquals(List.of("1=a", "2=b", "3=c"), results);
        assertWellFramed(sse);
    }

    @Test
    void messagesFromOtherConnectionsArriveAsEvents() {
        SseConnection sse = SseConnection.connect(http);
        opened.add(sse);
        String id = sse.invoke("1", "whoAmI").getString("result");
        WsObserver observer = new WsObserver(http);
        opened.add(observer);

        observer.invoke("toClientMany", id, 3);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonObject message = Records.parse(sse.nextRecord());
            received.add(message.getString("target") + message.getJsonArray("arguments"));
        }
        assertEquals(List.of("receive[\"1\"]", "receive[\"2\"]", "receive[\"3\"]"), received);
        assertWellFramed(sse);
    }

    private static void assertWellFramed(SseConnection sse) {
        sse.stream().checkFraming();
        String transcript = sse.stream().transcript();
        assertTrue(FRAMING.matcher(transcript).matches(),
                () -> "Not SignalR's SSE framing: " + Records.printable(transcript));
    }
}
