package dev.hubs.it.support;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.HttpHubConnectionBuilder;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections of the official SignalR Java client, opened for one test and all stopped by {@link #close()} (call it
 * from {@code @AfterEach}). A test that runs over each transport ({@link OverEveryTransport}) says which one with
 * {@link #over(JavaTransport)} before it connects.
 */
public final class JavaClients implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JavaClients.class.getName());

    private final List<HubConnection> connections = new ArrayList<>();
    private volatile JavaTransport transport;

    /**
     * Makes the connections started from now on use one transport (by default the client chooses: WebSockets when
     * the server offers them).
     *
     * @param transport the transport
     * @return this
     */
    public JavaClients over(JavaTransport transport) {
        this.transport = transport;
        return this;
    }

    /**
     * @return the transport set by {@link #over(JavaTransport)}, or {@code null} when the client chooses
     */
    public JavaTransport transport() {
        return transport;
    }

    /**
     * Opens and starts a connection with the client's defaults (negotiate, then WebSockets), or over the transport
     * set by {@link #over(JavaTransport)}.
     *
     * @param base the application's URL as Arquillian gives it (ends with {@code /})
     * @param hub  the hub path relative to the context root, without a leading {@code /}, for example {@code echo}
     * @return the started connection
     */
    public HubConnection start(URL base, String hub) {
        return start(base, hub, UnaryOperator.identity());
    }

    /**
     * Opens and starts a connection configured by the caller.
     *
     * @param base      the application's URL
     * @param hub       the hub path relative to the context root
     * @param configure changes to the builder, such as {@code shouldSkipNegotiate(true)}
     * @return the started connection
     */
    public HubConnection start(URL base, String hub, UnaryOperator<HttpHubConnectionBuilder> configure) {
        return start(configure.apply(builder(base, hub)).build());
    }

    /**
     * A builder for a connection of the hub, over the transport set by {@link #over(JavaTransport)}: for a test
     * that registers handlers before it starts the connection with {@link #start(HubConnection)}.
     *
     * @param base the application's URL
     * @param hub  the hub path relative to the context root, with a query if needed
     * @return the builder
     */
    public HttpHubConnectionBuilder builder(URL base, String hub) {
        HttpHubConnectionBuilder builder = HubConnectionBuilder.create(base + hub);
        JavaTransport chosen = transport;
        return chosen == null ? builder : builder.withTransport(chosen.client());
    }

    /**
     * Starts a connection the test built itself, for example to register handlers before {@code start()} (a hub may
     * send as soon as the handshake is done); it is stopped by {@link #close()} like the others.
     *
     * @param connection a connection not started yet
     * @return the started connection
     */
    public HubConnection start(HubConnection connection) {
        synchronized (connections) {
            connections.add(connection);
        }
        boolean started = connection.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(started, "The connection did not start within " + Await.TIMEOUT
                + (transport == null ? "" : " over " + transport));
        return connection;
    }

    /**
     * Collects the single string argument of every call of a client method on a connection.
     *
     * @param connection the connection
     * @param method     the client method, as the hub calls it
     * @return the queue the arguments arrive in
     */
    public static BlockingQueue<String> received(HubConnection connection, String method) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        connection.on(method, queue::add, String.class);
        return queue;
    }

    /** Stops every connection this object started. */
    @Override
    public void close() {
        List<HubConnection> toStop;
        synchronized (connections) {
            toStop = new ArrayList<>(connections);
            connections.clear();
        }
        for (HubConnection connection : toStop) {
            try {
                if (connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
                    connection.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                // Clean-up is not what these tests test: StopIT is where a failing stop() fails the build. Here it is
                // logged, and the other connections are stopped anyway.
                LOG.log(System.Logger.Level.WARNING, "stop() of a Java client connection failed", e);
            }
        }
    }
}
