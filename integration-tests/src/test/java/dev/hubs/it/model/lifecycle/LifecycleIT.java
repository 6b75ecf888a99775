package dev.hubs.it.model.lifecycle;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import dev.hubs.it.fixtures.LifecycleHub;
import dev.hubs.it.fixtures.LifecycleLog;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life cycle of a connection as {@link LifecycleHub} records it in {@link LifecycleLog}: {@code @OnConnected}
 * completes before any invocation of the connection is dispatched and before it receives anything else;
 * {@code @OnDisconnected} runs once, with a {@code null} cause on a clean stop, can still use the connection's
 * groups, and the connection leaves its groups after it.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(LifecycleIT.class, LifecycleHub.class, LifecycleLog.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    /**
     * {@code @OnConnected} takes 500 ms (its stage completes later); an invocation sent right after the handshake
     * must wait for it, and the welcome it sends is the first message the connection receives.
     */
    @OverEveryTransport
    void onConnectedCompletesBeforeTheFirstInvocation(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.builder(base, "lifecycle?slow=500").build();
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        connection.on("welcome", id -> first.add("welcome " + id), String.class);
        connection.on("receive", message -> first.add("receive " + message), String.class);
        clients.start(connection);

        String[] events = Calls.invoke(connection, String[].class, "record");

        assertEquals(List.of("connected", "connected-done", "invoked"), Arrays.asList(events));
        String welcome = Await.next(first, "the welcome sent by @OnConnected");
        assertEquals("welcome " + Calls.invoke(connection, String.class, "whoAmI"), welcome);
    }

    @OverEveryTransport
    void onDisconnectedRunsOnceWithNullCauseOnACleanStop(JavaTransport transport) {
        clients.over(transport);
        HubConnection watcher = connect("lifecycle");
        BlockingQueue<String> left = leftEvents(watcher);
        Calls.invokeVoid(watcher, "join", LifecycleHub.WATCHERS);

        HubConnection leaving = connect("lifecycle");
        String leavingId = Calls.invoke(leaving, String.class, "whoAmI");
        Calls.invoke(leaving, String[].class, "record");
        assertTrue(leaving.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "stop()");

        assertEquals(leavingId + " null", Await.next(left, "left(...) sent by @OnDisconnected to the watchers"));
        String[] events = Calls.invoke(watcher, String[].class, "events", leavingId);
        assertEquals(List.of("connected", "connected-done", "invoked", "disconnected:null"), Arrays.asList(events));
    }

    /**
     * A connection that ends without a close frame (a crashed client) gets {@code @OnDisconnected} once. Its cause is
     * not checked: ASP.NET Core SignalR treats a premature close like a normal one (null), and so may Hubs.
     */
    @Test
    void onDisconnectedRunsOnceWhenTheConnectionIsDropped() {
        HubConnection watcher = connect("lifecycle");
        BlockingQueue<String> left = leftEvents(watcher);
        Calls.invokeVoid(watcher, "join", LifecycleHub.WATCHERS);

        RawConnection dropped = new RawHub(base, "lifecycle").connect();
        String droppedId = rawWhoAmI(dropped);
        dropped.abort();

        String event = Await.next(left, "left(...) sent by @OnDisconnected for the dropped connection");
        assertTrue(event.startsWith(droppedId + " "), event);
        assertDisconnectedOnce(watcher, droppedId);
    }

    /**
     * A client's Close message with an error: as in SignalR, {@code @OnDisconnected} gets a {@code HubException}
     * carrying the client's error.
     */
    @Test
    void onDisconnectedGetsTheErrorOfTheClientsCloseMessage() {
        HubConnection watcher = connect("lifecycle");
        BlockingQueue<String> left = leftEvents(watcher);
        Calls.invokeVoid(watcher, "join", LifecycleHub.WATCHERS);

        try (RawConnection closing = new RawHub(base, "lifecycle").connect()) {
            String closingId = rawWhoAmI(closing);
            closing.send("{\"type\":7,\"error\":\"the client gives up\"}" + RawConnection.RS);

            assertEquals(closingId + " HubException", Await.next(left, "left(...) for the connection closed with an error"));
            assertDisconnectedOnce(watcher, closingId);
        }
    }

    private static String rawWhoAmI(RawConnection connection) {
        connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoAmI\",\"arguments\":[]}" + RawConnection.RS);
        JsonObject message = connection.nextMessage();
        if (message.getInt("type") == 1) {
            message = connection.nextMessage(); // the welcome of @OnConnected came first
        }
        return message.getString("result");
    }

    private static void assertDisconnectedOnce(HubConnection watcher, String connectionId) {
        String[] events = Calls.invoke(watcher, String[].class, "events", connectionId);
        assertEquals(1, Arrays.stream(events).filter(e -> e.startsWith("disconnected:")).count(),
                "@OnDisconnected runs once: " + Arrays.toString(events));
    }

    /**
     * {@code @OnDisconnected} sends to the group the connection joined: the remaining members receive it, so the
     * group was still usable then. Afterwards the connection is no longer a member: a group send reaches the others
     * only, and completes.
     */
    @OverEveryTransport
    void onDisconnectedCanUseTheGroupsOfTheConnection(JavaTransport transport) {
        clients.over(transport);
        HubConnection member = connect("lifecycle");
        BlockingQueue<String> left = leftEvents(member);
        BlockingQueue<String> received = JavaClients.received(member, "receive");
        Calls.invokeVoid(member, "join", "room");

        HubConnection leaving = connect("lifecycle?group=room");
        String leavingId = Calls.invoke(leaving, String.class, "whoAmI");
        BlockingQueue<String> leavingReceived = JavaClients.received(leaving, "receive");
        Calls.invokeVoid(member, "sendGroup", "room", "both of us");
        assertEquals("both of us", Await.next(leavingReceived, "the group message to the leaving connection"));
        assertEquals("both of us", Await.next(received, "the group message to the member"));

        assertTrue(leaving.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "stop()");
        assertEquals(leavingId + " null", Await.next(left, "left(...) sent by @OnDisconnected to the group 'room'"));

        Calls.invokeVoid(member, "sendGroup", "room", "only me");
        assertEquals("only me", Await.next(received, "the group message after the other left"));
        assertTrue(leavingReceived.isEmpty(), "the stopped connection received: " + leavingReceived);
    }

    /** An exception in {@code @OnConnected} closes the connection with SignalR's error Close message. */
    @Test
    void exceptionInOnConnectedClosesTheConnectionWithAnError() {
        RawConnection connection = new RawHub(base, "lifecycle?fail=true").open(null);
        try {
            connection.send(RawHub.JSON_HANDSHAKE);
            assertEquals("{}", connection.nextRecord(), "the handshake succeeds before @OnConnected runs");

            JsonObject close = connection.nextMessage();
            assertEquals(7, close.getInt("type"), "a Close message: " + close);
            assertEquals("Connection closed with an error.", close.getString("error", null), close.toString());
            assertFalse(close.getBoolean("allowReconnect", false),
                    "SignalR forces allowReconnect off when OnConnected fails: " + close);

            RawConnection.Closed closed = connection.awaitClosed();
            assertTrue(closed.byCloseFrame(), "the server dropped the socket without a close frame: " + closed);
        } finally {
            connection.close();
        }
    }

    /** The official Java client sees the same: its closed callback gets the error text. */
    @OverEveryTransport
    void exceptionInOnConnectedReachesTheJavaClientsClosedCallback(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.builder(base, "lifecycle?fail=true").build();
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.onClosed(closed::complete);
        try {
            connection.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // The Close may arrive before start() completes: then start() fails, which is fine too.
        }

        Exception error = closed.orTimeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertEquals("Connection closed with an error.", error == null ? null : error.getMessage());
        assertEquals(HubConnectionState.DISCONNECTED, connection.getConnectionState());
    }

    /** Starts a Java client, with a handler for the welcome that {@code @OnConnected} sends (else the client logs). */
    private HubConnection connect(String hub) {
        HubConnection connection = clients.builder(base, hub).build();
        connection.on("welcome", id -> { }, String.class);
        return clients.start(connection);
    }

    private static BlockingQueue<String> leftEvents(HubConnection connection) {
        BlockingQueue<String> left = new LinkedBlockingQueue<>();
        connection.on("left", (id, cause) -> left.add(id + " " + cause), String.class, String.class);
        return left;
    }
}
