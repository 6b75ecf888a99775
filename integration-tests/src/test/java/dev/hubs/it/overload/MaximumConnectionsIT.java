package dev.hubs.it.overload;

import com.microsoft.signalr.HubConnection;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.FanoutHub;
import dev.hubs.it.fixtures.SequenceHub;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import dev.hubs.it.support.ServerLog;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code maximum-connections}: a hub that holds its maximum refuses new connections with 503 (negotiation with
 * SignalR's {@code error} body, and a WebSocket that skips negotiation before its upgrade), the official Java client
 * and the official JavaScript client fail {@code start()}, connections already there carry on, and a slot is free again as soon as a connection ends,
 * or once a negotiated connection that was never opened expires. Other hubs of the application are not affected.
 */
@ExtendWith(ArquillianExtension.class)
class MaximumConnectionsIT {

    private static final String FULL = "The hub has reached its maximum number of connections. Try again later.";
    private static final String ECHO_INVOCATION =
            "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"still here\"]}" + RawConnection.RS;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(MaximumConnectionsIT.class, EchoHub.class,
                        dev.hubs.it.fixtures.Person.class, dev.hubs.it.fixtures.Address.class, FanoutHub.class,
                        SequenceHub.class),
                "hubs.EchoHub.maximum-connections=2",
                "hubs.FanoutHub.maximum-connections=1",
                "hubs.FanoutHub.handshake-timeout=1s");
    }

    @ArquillianResource
    URL base;

    private final List<RawConnection> open = new ArrayList<>();
    private final JavaClients clients = new JavaClients();

    @AfterEach
    void closeEverything() {
        open.forEach(RawConnection::close);
        clients.close();
    }

    @Test
    void beyondTheMaximumNewConnectionsAreRefusedWith503AndAnEndedOneFreesItsSlot() throws Exception {
        RawHub echo = new RawHub(base, "echo");
        ServerLog log = ServerLog.fromNow();
        RawConnection first = keep(echo.connect());
        keep(echo.connect());

        HttpResponse<String> refused = echo.negotiate("negotiateVersion=1");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                refused.headers().toString());
        JsonObject error = RawHub.parse(refused.body());
        assertEquals(FULL, error.getString("error"));
        assertEquals(1, error.size(), "an error answer has no other fields: " + refused.body());

        // A WebSocket that skips negotiation makes a connection too: refused before the upgrade.
        ExecutionException noUpgrade = assertThrows(ExecutionException.class,
                () -> echo.openAsync(null).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
                noUpgrade.getCause());
        assertEquals(503, handshake.getResponse().statusCode());

        // The official Java client's start fails, and says why.
        HubConnection official = clients.builder(base, "echo").build();
        RuntimeException startFailed = assertThrows(RuntimeException.class,
                () -> official.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(messages(startFailed).contains("503"), messages(startFailed));

        // So does the official JavaScript client's, negotiating (the error names the reason) or not.
        JsScenario js = NodeClient.run("overload.mjs", base, NodeClient.Transport.WebSockets, "refused")
                .scenario("refused");
        assertTrue(js.string("negotiated").contains(FULL) && js.string("negotiated").contains("503"), js.toString());
        assertFalse(js.string("skippingNegotiation").isEmpty(), js.toString());

        // The connections already there carry on; requests for unknown connections get the usual 404.
        first.send(ECHO_INVOCATION);
        assertEquals("still here", first.nextMessage().getString("result"));
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "echo?id=no-such-connection")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals("No Connection with that ID", unknown.body());

        // The limit is the hub's own: another hub of the application (no limit) still takes connections.
        keep(new RawHub(base, "sequence").connect());

        log.awaitContains("HUBS2009W Hub /echo refused 1 new connection(s): it holds its maximum of 2 connections");

        // An ended connection frees its slot (the server learns of the close a moment after the client's close).
        first.close();
        open.remove(first);
        JsonObject negotiation = awaitNegotiation(echo);
        RawConnection replacement = keep(echo.open(negotiation.getString("connectionToken")));
        replacement.send(RawHub.JSON_HANDSHAKE);
        assertEquals("{}", replacement.nextRecord());
        assertEquals(503, echo.negotiate("negotiateVersion=1").statusCode(), "full again");
    }

    @Test
    void aNegotiatedConnectionThatIsNeverOpenedFreesItsSlotAfterTheHandshakeTimeout() {
        RawHub fanout = new RawHub(base, "fanout");
        JsonObject unused = fanout.negotiateV1();
        assertEquals(503, fanout.negotiate("negotiateVersion=1").statusCode(), "the negotiated connection holds the slot");

        // hubs.FanoutHub.handshake-timeout=1s: the unused connection expires, and its slot with it.
        JsonObject next = awaitNegotiation(fanout);
        assertTrue(!next.getString("connectionId").equals(unused.getString("connectionId")));
        RawConnection connection = keep(fanout.open(next.getString("connectionToken")));
        connection.send(RawHub.JSON_HANDSHAKE);
        assertEquals("{}", connection.nextRecord());
    }

    private RawConnection keep(RawConnection connection) {
        open.add(connection);
        return connection;
    }

    /**
     * Negotiates until the hub answers 200 (the server frees a slot asynchronously: when it learns of a close, or at
     * its next heartbeat), failing after {@link Await#TIMEOUT}. There is nothing to block on but the answers.
     */
    private static JsonObject awaitNegotiation(RawHub hub) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = hub.negotiate("negotiateVersion=1");
            if (response.statusCode() == 200) {
                return RawHub.parse(response.body());
            }
            assertEquals(503, response.statusCode(), response.body());
            if (System.nanoTime() > deadline) {
                fail("negotiate still answered 503 after " + Await.TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return text.toString();
    }
}
