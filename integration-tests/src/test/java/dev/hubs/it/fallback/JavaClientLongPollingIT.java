package dev.hubs.it.fallback;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Java client ({@code com.microsoft.signalr}) over long polling, the one fallback it has (it has no
 * Server-Sent Events): results, the transport the hub sees, messages to all and to others across long-polling and
 * WebSocket connections, SignalR's error texts, and a clean stop (DELETE).
 */
@ExtendWith(ArquillianExtension.class)
class JavaClientLongPollingIT {

    private static final String HUB = "transport";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(JavaClientLongPollingIT.class, TransportHub.class, DisconnectLog.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void stop() {
        clients.close();
    }

    private HubConnection longPolling() {
        return connect(TransportEnum.LONG_POLLING);
    }

    private HubConnection connect(TransportEnum transport) {
        return clients.start(base, HUB, builder -> builder.withTransport(transport));
    }

    @Test
    void invocationsOverLongPolling() {
        HubConnection hub = longPolling();
        assertAll(
                () -> assertEquals("LongPolling", Calls.invoke(hub, String.class, "transport"),
                        "HubCallerContext.transport()"),
                () -> assertEquals("hello", Calls.invoke(hub, String.class, "echo", "hello")),
                () -> assertEquals(hub.getConnectionId(), Calls.invoke(hub, String.class, "whoAmI")));
    }

    @Test
    void messagesReachLongPollingAndWebSocketClientsAlike() {
        HubConnection a = connect(TransportEnum.LONG_POLLING);
        HubConnection b = connect(TransportEnum.LONG_POLLING);
        HubConnection c = connect(TransportEnum.WEBSOCKETS);
        assertEquals("WebSockets", Calls.invoke(c, String.class, "transport"));
        BlockingQueue<String> toA = JavaClients.received(a, "receive");
        BlockingQueue<String> toB = JavaClients.received(b, "receive");
        BlockingQueue<String> toC = JavaClients.received(c, "receive");

        Calls.invokeVoid(a, "broadcast", "to all");
        assertEquals("to all", Await.next(toA, "a: broadcast"));
        assertEquals("to all", Await.next(toB, "b: broadcast"));
        assertEquals("to all", Await.next(toC, "c: broadcast"));

        Calls.invokeVoid(c, "toOthers", "from c");
        assertEquals("from c", Await.next(toA, "a: others of c"));
        assertEquals("from c", Await.next(toB, "b: others of c"));
        // c was not reached: the next message it receives is its own marker.
        Calls.invokeVoid(c, "toCaller", "marker");
        assertEquals("marker", Await.next(toC, "c: its marker"));
    }


    @Test
    void errorTextsOverLongPolling() {
        HubConnection hub = longPolling();
        HubException missing = assertThrows(HubException.class,
                () -> Calls.invoke(hub, String.class, "missing", "x"));
        HubException fail = assertThrows(HubException.class, () -> Calls.invoke(hub, Object.class, "fail"));
        HubException crash = assertThrows(HubException.class, () -> Calls.invoke(hub, Object.class, "crash"));
        assertAll(
                () -> assertEquals("Failed to invoke 'missing' due to an error on the server. "
                        + "HubException: Method does not exist.", missing.getMessage()),
                () -> assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                        fail.getMessage()),
                () -> assertEquals("An unexpected error occurred invoking 'crash' on the server.",
                        crash.getMessage()),
                () -> assertFalse(crash.getMessage().contains("secret detail")));
        assertEquals(HubConnectionState.CONNECTED, hub.getConnectionState());
        assertEquals("still here", Calls.invoke(hub, String.class, "echo", "still here"));
    }

    @Test
    void stopEndsTheConnectionCleanly() {
        HubConnection hub = longPolling();
        String id = Calls.invoke(hub, String.class, "whoAmI");
        HubConnection observer = clients.start(base, HUB);

        assertTrue(hub.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "stop() did not complete within " + Await.TIMEOUT);
        assertEquals(HubConnectionState.DISCONNECTED, hub.getConnectionState());
        String cause = WsObserver.await("the end of " + id,
                () -> Calls.invoke(observer, String.class, "disconnection", id),
                value -> !TransportHub.NOT_DISCONNECTED.equals(value));
        assertEquals("clean", cause, "@OnDisconnected of a long-polling client that stopped");
    }
}
