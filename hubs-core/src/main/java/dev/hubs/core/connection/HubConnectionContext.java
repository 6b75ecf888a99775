package dev.hubs.core.connection;

import dev.hubs.core.security.ConnectionIdentity;

import dev.hubs.core.protocol.CloseMessage;
import dev.hubs.core.protocol.HubMessage;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;

import java.io.IOException;
import java.lang.reflect.Type;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One connection of one hub: identity, state, items, and the outbound queue every message to it goes through.
 *
 * <p>Sending is safe from any thread and never blocks. Receiving is driven by the transport, one frame at a time.
 */
public final class HubConnectionContext implements HubConnection {

    private static final int DEFAULT_STREAM_BUFFER = 10;
    private static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofSeconds(30);

    private final String connectionId;
    private final String connectionToken;
    private final JsonHubProtocol protocol;
    private final OutboundQueue outbound;
    private final Map<Object, Object> items = new ConcurrentHashMap<>();
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.NEGOTIATED);
    private final long createdNanos = System.nanoTime();
    private final Consumer<HubConnectionContext> overflowHandler;
    private final InvocationGate invocations;

    private final StringBuilder partialRecord = new StringBuilder();
    private final ConnectionStreams streams = new ConnectionStreams();
    private final ClientResults results = new ClientResults();
    private final int streamBufferCapacity;
    private final long clientResultTimeoutNanos;

    private volatile TransportChannel transport;
    private volatile CapturedRequest request = CapturedRequest.EMPTY;
    private volatile ConnectionIdentity identity = ConnectionIdentity.ANONYMOUS;
    private volatile Optional<String> userId = Optional.empty();
    private volatile long attachedNanos;
    private volatile long lastReceivedNanos;
    private volatile long lastSentNanos;
    private volatile boolean clientTimeoutStarted;
    private volatile boolean connectedHandlerFailed;

    /**
     * Creates a connection.
     *
     * @param connectionId    the public id
     * @param connectionToken the secret token the transports use to find it
     * @param protocol        the protocol used for writing
     * @param queueCapacity   how many records may wait in the outbound queue
     * @param overflowHandler told when the outbound queue overflows
     * @param writeFailure    told when a write to the transport fails
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, Consumer<HubConnectionContext> overflowHandler,
                                Consumer<Throwable> writeFailure) {
        this(connectionId, connectionToken, protocol, queueCapacity, 1, overflowHandler, writeFailure);
    }

    /**
     * Creates a connection.
     *
     * @param connectionId         the public id
     * @param connectionToken      the secret token the transports use to find it
     * @param protocol             the protocol used for writing
     * @param queueCapacity        how many records may wait in the outbound queue
     * @param parallelInvocations  how many hub invocations of this connection may run at once
     * @param overflowHandler      told when the outbound queue overflows
     * @param writeFailure         told when a write to the transport fails
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, int parallelInvocations,
                                Consumer<HubConnectionContext> overflowHandler, Consumer<Throwable> writeFailure) {
        this(connectionId, connectionToken, protocol, queueCapacity, parallelInvocations, null, overflowHandler,
                writeFailure);
    }

    /**
     * Creates a connection whose invocations may run in parallel on an executor.
     *
     * @param connectionId        the public id
     * @param connectionToken     the secret token the transports use to find it
     * @param protocol            the protocol used for writing
     * @param queueCapacity       how many records may wait in the outbound queue
     * @param parallelInvocations how many hub invocations of this connection may run at once
     * @param invocationExecutor  runs invocations when more than one may run at once; {@code null} to run them on
     *                            the delivering thread
     * @param overflowHandler     told when the outbound queue overflows
     * @param writeFailure        told when a write to the transport fails
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, int parallelInvocations,
                                java.util.concurrent.Executor invocationExecutor,
                                Consumer<HubConnectionContext> overflowHandler, Consumer<Throwable> writeFailure) {
        this(connectionId, connectionToken, protocol, queueCapacity, parallelInvocations, invocationExecutor,
                DEFAULT_STREAM_BUFFER, DEFAULT_RESULT_TIMEOUT, overflowHandler, writeFailure);
    }

    /**
     * Creates a connection with every setting.
     *
     * @param connectionId         the public id
     * @param connectionToken      the secret token the transports use to find it
     * @param protocol             the protocol used for writing
     * @param queueCapacity        how many records may wait in the outbound queue
     * @param parallelInvocations  how many hub invocations of this connection may run at once
     * @param invocationExecutor   runs invocations when more than one may run at once; {@code null} to run them on
     *                             the delivering thread
     * @param streamBufferCapacity how many items of one stream may be on their way (results not yet written to the
     *                             client, upload items not yet requested by the hub)
     * @param clientResultTimeout  how long a client result may take
     * @param overflowHandler      told when the outbound queue overflows
     * @param writeFailure         told when a write to the transport fails
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, int parallelInvocations,
                                java.util.concurrent.Executor invocationExecutor, int streamBufferCapacity,
                                Duration clientResultTimeout,
                                Consumer<HubConnectionContext> overflowHandler, Consumer<Throwable> writeFailure) {
        this.streamBufferCapacity = streamBufferCapacity;
        this.clientResultTimeoutNanos = clientResultTimeout.toNanos();
        this.invocations = new InvocationGate(parallelInvocations,
                parallelInvocations > 1 ? invocationExecutor : null);
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.protocol = protocol;
        this.overflowHandler = overflowHandler;
        this.outbound = new OutboundQueue(queueCapacity, 16 * 1024, writeFailure,
                () -> lastSentNanos = System.nanoTime());
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    /**
     * The secret token transports use to find this connection. Never log it.
     *
     * @return the token
     */
    public String connectionToken() {
        return connectionToken;
    }

    @Override
    public Optional<String> userId() {
        return userId;
    }

    /**
     * The authenticated principal of the request that opened the connection.
     *
     * @return the principal, empty for anonymous connections
     */
    public Optional<Principal> principal() {
        return identity.principalIfAny();
    }

    /**
     * Who the connection belongs to, with the roles and the expiry the container gave when it was made.
     *
     * @return the identity
     */
    public ConnectionIdentity identity() {
        return identity;
    }

    /**
     * Records who the connection belongs to; called once, when it is negotiated or opened.
     *
     * @param identity the identity
     */
    public void establish(ConnectionIdentity identity) {
        this.identity = java.util.Objects.requireNonNull(identity);
    }

    /**
     * Records who opened the connection, keeping the roles and expiry already established for the same principal.
     *
     * @param principal the principal, or {@code null}
     * @param userId    the user id
     */
    public void identify(Principal principal, Optional<String> userId) {
        if (identity.principal() != principal) {
            this.identity = ConnectionIdentity.of(principal);
        }
        this.userId = userId;
    }

    /**
     * The connection's items.
     *
     * @return a concurrent map living as long as the connection
     */
    public Map<Object, Object> items() {
        return items;
    }

    /**
     * The attached transport.
     *
     * @return the transport, or {@code null} before one is attached
     */
    public TransportChannel transport() {
        return transport;
    }

    /**
     * The name of the attached transport.
     *
     * @return the transport name, or {@code null} before one is attached
     */
    public String transportName() {
        TransportChannel t = transport;
        return t == null ? null : t.name();
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public ConnectionState state() {
        return state.get();
    }

    /**
     * The request that opened the transport.
     *
     * @return the captured request; empty before a transport is attached
     */
    public CapturedRequest request() {
        return request;
    }

    /**
     * Attaches a transport that was not opened by an HTTP request worth keeping (tests, in-process transports).
     *
     * @param channel the transport
     * @return {@code false} when a transport is already attached or the connection ended
     */
    public boolean attach(TransportChannel channel) {
        return attach(channel, CapturedRequest.EMPTY);
    }

    /**
     * Attaches a transport: only once, and only to a connection that was negotiated and not closed.
     *
     * @param channel        the transport
     * @param openingRequest the request that opened it
     * @return {@code false} when a transport is already attached or the connection ended
     */
    public boolean attach(TransportChannel channel, CapturedRequest openingRequest) {
        if (!state.compareAndSet(ConnectionState.NEGOTIATED, ConnectionState.HANDSHAKING)) {
            return false;
        }
        this.request = openingRequest;
        this.transport = channel;
        long now = System.nanoTime();
        this.attachedNanos = now;
        this.lastReceivedNanos = now;
        this.lastSentNanos = now;
        outbound.attach(channel);
        return true;
    }

    /**
     * Holds back the writing of queued messages (they are still queued, in order) until
     * {@link #releaseOutbound()}: the handshake response must not reach the client before the connection can be
     * reached, or a client acting on it at once (asking the server to add it to a group) would not be found.
     */
    public void holdOutbound() {
        outbound.hold();
    }

    /**
     * Writes what {@link #holdOutbound()} held back.
     */
    public void releaseOutbound() {
        outbound.release();
    }

    /**
     * Marks the handshake as done.
     *
     * @return {@code false} when the connection ended meanwhile
     */
    public boolean handshakeCompleted() {
        return state.compareAndSet(ConnectionState.HANDSHAKING, ConnectionState.CONNECTED);
    }

    /**
     * Marks the connection as ended. Only the first call returns {@code true}, which is what makes disconnect
     * handling run exactly once.
     *
     * @return whether this call ended the connection
     */
    public boolean markClosed() {
        ConnectionState previous = state.getAndSet(ConnectionState.CLOSED);
        return previous != ConnectionState.CLOSED;
    }

    /**
     * Queues an invocation, serialized once per protocol for every connection that receives the same instance.
     *
     * @param invocation the invocation
     * @return completed when queued; failed when the connection refused it
     */
    @Override
    public CompletionStage<Void> send(ClientInvocation invocation) {
        String record = invocation.serialized(protocol, protocol::writeInvocation);
        return offer(record) ? CompletableFuture.completedStage(null)
                : CompletableFuture.failedStage(new IllegalStateException(
                        "Connection " + connectionId + " is closed or cannot keep up"));
    }

    /**
     * Sends an invocation that the client answers, and waits for its answer: a client result.
     *
     * @param invocation the invocation
     * @param resultType the type the client's result is read as
     * @param <T>        the result type
     * @return completes with the client's result; fails with a {@link dev.hubs.HubException} carrying the client's
     *         error, an {@link IOException} when the connection ends first or cannot take the message, or a
     *         {@link java.util.concurrent.TimeoutException} after the client result timeout
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletionStage<T> invoke(ClientInvocation invocation, Type resultType) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        String id = results.register(invocation.method(), resultType, System.nanoTime() + clientResultTimeoutNanos,
                result);
        if (id == null) {
            return CompletableFuture.failedStage(new IOException("Connection '" + connectionId + "' disconnected."));
        }
        String record;
        try {
            record = protocol.write(new InvocationMessage(id, invocation.method(), invocation.arguments()));
        } catch (RuntimeException e) {
            results.forget(id);
            return CompletableFuture.failedStage(e);
        }
        if (!offer(record)) {
            results.forget(id);
            return CompletableFuture.failedStage(new IOException("Connection '" + connectionId
                    + "' is closed or cannot keep up"));
        }
        return (CompletionStage<T>) result;
    }

    /**
     * The client results this connection owes.
     *
     * @return the waiting invocations
     */
    public ClientResults results() {
        return results;
    }

    /**
     * The streams of this connection, both ways.
     *
     * @return the streams
     */
    public ConnectionStreams streams() {
        return streams;
    }

    /**
     * How many items of one stream may be on their way.
     *
     * @return the stream buffer capacity
     */
    public int streamBufferCapacity() {
        return streamBufferCapacity;
    }

    /**
     * Queues a message and tells when it has been written (how streams pace themselves).
     *
     * @param message the message
     * @param written run once it has been written; not run if the connection ends first
     * @return whether it was queued
     */
    public boolean sendTracked(HubMessage message, Runnable written) {
        String record = protocol.write(message);
        if (state.get() == ConnectionState.CLOSED) {
            return false;
        }
        if (outbound.offer(record, written)) {
            return true;
        }
        if (!outbound.isClosed() && state.get() != ConnectionState.CLOSED) {
            overflowHandler.accept(this);
        }
        return false;
    }

    /**
     * Queues a message.
     *
     * @param message the message
     * @return whether it was queued
     */
    public boolean send(HubMessage message) {
        return offer(protocol.write(message));
    }

    /**
     * Queues an already written record (the handshake response, a cached message).
     *
     * @param record the record, separator included
     * @return whether it was queued
     */
    public boolean sendRecord(String record) {
        return offer(record);
    }

    private boolean offer(String record) {
        if (state.get() == ConnectionState.CLOSED) {
            return false;
        }
        if (outbound.offer(record)) {
            return true;
        }
        // A queue that is closing refuses quietly; only a full one means the client cannot keep up.
        if (!outbound.isClosed() && state.get() != ConnectionState.CLOSED) {
            overflowHandler.accept(this);
        }
        return false;
    }

    /**
     * Sends a Close message, then ends the transport once everything queued before it has been written.
     *
     * @param close the close message
     */
    public void closeGracefully(CloseMessage close) {
        outbound.offer(protocol.write(close));
        outbound.closeWhenDrained();
    }

    /**
     * Ends the transport once everything queued has been written, without a Close message (a refused handshake).
     */
    public void closeWhenDrained() {
        outbound.closeWhenDrained();
    }

    /**
     * Ends the transport at once, dropping what is queued.
     *
     * @param error why, or {@code null}
     */
    public void closeNow(Throwable error) {
        outbound.discard();
        TransportChannel t = transport;
        if (t != null) {
            t.close(error);
        }
    }

    /**
     * Notes that something arrived from the client.
     */
    public void touchReceived() {
        lastReceivedNanos = System.nanoTime();
    }

    /**
     * Starts counting the client timeout: done on the client's first Ping, as the SignalR server does, because
     * clients that do not ping (older ones, or long polling) must not be timed out for silence.
     */
    public void startClientTimeout() {
        clientTimeoutStarted = true;
    }

    /**
     * The gate the connection's hub invocations pass, in order.
     *
     * @return the invocation gate
     */
    public InvocationGate invocations() {
        return invocations;
    }

    /**
     * The buffer of a record split across frames; used only by the receiving thread.
     *
     * @return the partial record
     */
    public StringBuilder partialRecord() {
        return partialRecord;
    }

    /**
     * When the connection was created (negotiated or opened).
     *
     * @return {@link System#nanoTime()} at creation
     */
    public long createdNanos() {
        return createdNanos;
    }

    /**
     * When the transport was attached.
     *
     * @return {@link System#nanoTime()} at attach, 0 before
     */
    public long attachedNanos() {
        return attachedNanos;
    }

    /**
     * When something last arrived.
     *
     * @return {@link System#nanoTime()} of the last receipt
     */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /**
     * When something was last written.
     *
     * @return {@link System#nanoTime()} of the last completed write
     */
    public long lastSentNanos() {
        return lastSentNanos;
    }

    /**
     * Notes that the hub's {@code @OnConnected} method failed, so that {@code @OnDisconnected} does not run.
     */
    public void markConnectedHandlerFailed() {
        connectedHandlerFailed = true;
    }

    /**
     * Whether the hub's {@code @OnConnected} method failed for this connection.
     *
     * @return whether it failed
     */
    public boolean connectedHandlerFailed() {
        return connectedHandlerFailed;
    }

    /**
     * Whether the client timeout counts: from the client's first Ping on.
     *
     * @return whether the client timeout applies
     */
    public boolean clientTimeoutStarted() {
        return clientTimeoutStarted;
    }

    /**
     * How many records wait to be written.
     *
     * @return the queue length
     */
    public int queuedRecords() {
        return outbound.size();
    }

    @Override
    public String toString() {
        return "HubConnectionContext[" + connectionId + ", " + state.get() + "]";
    }
}
