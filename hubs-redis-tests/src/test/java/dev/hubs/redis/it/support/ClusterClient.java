package dev.hubs.redis.it.support;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import dev.hubs.redis.it.fixtures.ClusterHub;

import java.net.URL;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A connection of the official Java client to {@link ClusterHub} on one server, with what it received through
 * {@code receive}.
 */
public final class ClusterClient implements AutoCloseable {

    /** How long anything that should happen may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final HubConnection connection;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final String id;

    private ClusterClient(String name, HubConnection connection) {
        this.name = name;
        this.connection = connection;
        connection.on(ClusterHub.RECEIVE, received::add, String.class);
        assertTrue(connection.start().blockingAwait(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                name + " did not connect within " + TIMEOUT);
        this.id = invoke(String.class, "whoAmI");
    }

    /**
     * Connects to the hub of a server.
     *
     * @param name  a name for failure messages ("a1 on server A")
     * @param base  the application's URL on that server
     * @param query a query string without {@code ?} (for example {@code user=alice}), or empty
     * @return the started connection
     */
    public static ClusterClient connect(String name, URL base, String query) {
        String url = base + "cluster" + (query.isEmpty() ? "" : "?" + query);
        return new ClusterClient(name, HubConnectionBuilder.create(url).build());
    }

    /**
     * The connection id, as the hub sees it.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Invokes a hub method and waits for it to complete normally.
     *
     * @param method    the hub method
     * @param arguments its arguments
     */
    public void call(String method, Object... arguments) {
        assertTrue(connection.invoke(method, arguments).blockingAwait(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                name + ": " + method + " did not complete within " + TIMEOUT);
    }

    /**
     * Invokes a hub method that fails, and gives its error.
     *
     * @param method    the hub method
     * @param arguments its arguments
     * @return the error message the server sent
     */
    public String callFailing(String method, Object... arguments) {
        try {
            connection.invoke(method, arguments).blockingAwait(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return fail(name + ": " + method + " was expected to fail");
    }

    /**
     * Invokes a hub method and returns its result.
     *
     * @param type      the result type
     * @param method    the hub method
     * @param arguments its arguments
     * @param <T>       the result type
     * @return the result
     */
    public <T> T invoke(Class<T> type, String method, Object... arguments) {
        return connection.invoke(type, method, arguments).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .blockingGet();
    }

    /**
     * Checks the next message this connection receives.
     *
     * @param expected the message
     */
    public void receives(String expected) {
        String next;
        try {
            next = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (next == null) {
            fail(name + " did not receive \"" + expected + "\" within " + TIMEOUT);
        }
        assertEquals(expected, next, name + " received something else first");
    }

    /**
     * Proves this connection received nothing else from the server of {@code sender}: that server sends it a
     * marker, which comes after anything that server sent it before, and it must be the next message.
     *
     * @param sender a connection on the server whose messages are in question
     */
    public void receivedNothingElseFrom(ClusterClient sender) {
        String marker = "marker for " + name + " from " + sender.name;
        sender.call("sendClient", id, marker);
        receives(marker);
    }

    @Override
    public void close() {
        if (connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
            connection.stop().blockingAwait(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (" + id + ")";
    }
}
