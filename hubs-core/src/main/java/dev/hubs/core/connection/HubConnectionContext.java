package dev.hubs.core.connection;

import dev.hubs.core.security.ConnectionIdentity;

import dev.hubs.core.protocol.CloseMessage;
import dev.hubs.core.protocol.HubMessage;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Type;
import java.time.Duration;
import java.lang.invoke.VarHandle;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One connection of one hub: identity, state, items, and the outbound queue every message to it goes through.
 *
 * <p>Sending is safe from any thread and never blocks. Receiving is driven by the transport, one frame at a time.
 *
 * <p>A server holds one of these per open connection, so it is kept small: what most connections never use (items,
 * the buffer of a record split across frames, the waiting line of invocations) is made on first use, state changes
 * go through a {@link VarHandle} rather than an atomic object, and the hub is told of overflows and failed writes
 * through one {@link Owner} for all its connections.
 *
 * <p>Why this file is past 500 lines (well over a third of it javadoc of small accessors): it is the one object every
 * layer touches (transports attach to it, the dispatcher sends through it, lifetime managers hold it, the heartbeat
 * reads its clocks), and keeping its state and its state changes together is what lets the compact field layout and
 * the atomic state changes ({@link #end()}, {@link #connectedHandlerStarts}) be checked in one place. Its larger parts
 * already live beside it ({@link OutboundQueue}, {@link InvocationGate}, {@link ConnectionStreams},
 * {@link ClientResults}, {@link HubCounters}); the next candidate to move out is the set of five constructors, four of
 * them kept for tests, in favour of one settings object.
 */
public final class HubConnectionContext implements HubConnection {

    /**
     * Told when a connection cannot go on; one object for all connections of a hub.
     */
    public interface Owner {

        /**
         * The connection's outbound queue is full: its client reads slower than it is sent to.
         *
         * @param connection the connection
         */
        void overflowed(HubConnectionContext connection);

        /**
         * A write to the connection's transport failed.
         *
         * @param connection the connection
         * @param error      the failure
         */
        void writeFailed(HubConnectionContext connection, Throwable error);

        /**
         * Where the connection counts its streams and client results (and the hub its connections and
         * invocations): one object for the hub.
         *
         * @return the hub's counters
         */
        default HubCounters counters() {
            return HubCounters.IGNORED;
        }
    }

    private static final int DEFAULT_STREAM_BUFFER = 10;
    private static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofSeconds(30);

    /** What a send to one connection returns: completed stages cannot change, so one serves every send. */
    private static final CompletionStage<Void> QUEUED = CompletableFuture.completedStage(null);

    private static final VarHandle STATE;
    private static final VarHandle ITEMS;
    private static final VarHandle CONNECTED_HANDLER;
    /** What {@link #connectedHandler} holds when the connection ended before its {@code @OnConnected} could start. */
    private static final CompletionStage<Void> SKIPPED = CompletableFuture.completedStage(null);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(HubConnectionContext.class, "state", ConnectionState.class);
            ITEMS = lookup.findVarHandle(HubConnectionContext.class, "items", Map.class);
            CONNECTED_HANDLER = lookup.findVarHandle(HubConnectionContext.class, "connectedHandler",
                    CompletionStage.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String connectionId;
    private final String connectionToken;
    private final JsonHubProtocol protocol;
    private final OutboundQueue outbound;
    private final long createdNanos = System.nanoTime();
    private final Owner owner;
    private final InvocationGate invocations;

    private volatile ConnectionState state = ConnectionState.NEGOTIATED;
    /** Made on first use: most connections never use their items. */
    private volatile Map<Object, Object> items;
    /**
     * Made when a record is split across frames; used by one receiving thread at a time (volatile because
     * successive frames may arrive on different threads).
     */
    private volatile StringBuilder partialRecord;
    private final ConnectionStreams streams;
    private final ClientResults results;
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
     * {@code null} until the hub's {@code @OnConnected} starts (or is found to be absent), then a stage completing
     * when it has finished; {@link #SKIPPED} when the connection ended first.
     */
    private volatile CompletionStage<Void> connectedHandler;

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
                new Owner() {
                    @Override
                    public void overflowed(HubConnectionContext connection) {
                        overflowHandler.accept(connection);
                    }

                    @Override
                    public void writeFailed(HubConnectionContext connection, Throwable error) {
                        writeFailure.accept(error);
                    }
                });
    }

    /**
     * Creates a connection whose invocations may run in parallel on an executor, owned by a hub that is told of
     * overflows and failed writes.
     *
     * @param connectionId        the public id
     * @param connectionToken     the secret token the transports use to find it
     * @param protocol            the protocol used for writing
     * @param queueCapacity       how many records may wait in the outbound queue
     * @param parallelInvocations how many hub invocations of this connection may run at once
     * @param invocationExecutor  runs invocations when more than one may run at once; {@code null} to run them on
     *                            the delivering thread
     * @param owner               told when the connection cannot go on
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, int parallelInvocations,
                                java.util.concurrent.Executor invocationExecutor, Owner owner) {
        this(connectionId, connectionToken, protocol, queueCapacity, parallelInvocations, invocationExecutor,
                DEFAULT_STREAM_BUFFER, DEFAULT_RESULT_TIMEOUT, owner);
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
     * @param owner                told when the connection cannot go on
     */
    public HubConnectionContext(String connectionId, String connectionToken, JsonHubProtocol protocol,
                                int queueCapacity, int parallelInvocations,
                                java.util.concurrent.Executor invocationExecutor, int streamBufferCapacity,
                                Duration clientResultTimeout, Owner owner) {
        this.streamBufferCapacity = streamBufferCapacity;
        this.clientResultTimeoutNanos = clientResultTimeout.toNanos();
        this.invocations = new InvocationGate(parallelInvocations,
                parallelInvocations > 1 ? invocationExecutor : null);
        this.connectionId = connectionId;
        this.connectionToken = connectionToken;
        this.protocol = protocol;
        this.owner = owner;
        this.streams = new ConnectionStreams(owner.counters());
        this.results = new ClientResults(owner.counters());
        this.outbound = new OutboundQueue(queueCapacity, 16 * 1024) {
            @Override
            void written() {
                lastSentNanos = System.nanoTime();
            }

            @Override
            void writeFailed(Throwable failure) {
                owner.writeFailed(HubConnectionContext.this, failure);
            }
        };
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
        Map<Object, Object> current = items;
        if (current == null) {
            Map<Object, Object> made = new ConcurrentHashMap<>();
            current = ITEMS.compareAndSet(this, null, made) ? made : items;
        }
        return current;
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
        return state;
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
        if (!STATE.compareAndSet(this, ConnectionState.NEGOTIATED, ConnectionState.HANDSHAKING)) {
            return false;
        }
        this.request = openingRequest;
        this.transport = channel;
        long now = System.nanoTime();
        this.lastReceivedNanos = now;
        this.lastSentNanos = now;
        outbound.attach(channel);
        // Last, and never 0: the heartbeat, which may see the new state before this, reads 0 as "being attached".
        this.attachedNanos = now == 0 ? 1 : now;
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
        return STATE.compareAndSet(this, ConnectionState.HANDSHAKING, ConnectionState.CONNECTED);
    }

    /**
     * Marks the connection as ended. Only the first call returns {@code true}, which is what makes disconnect
     * handling run exactly once.
     *
     * @return whether this call ended the connection
     */
    public boolean markClosed() {
        return end() != ConnectionState.CLOSED;
    }

    /**
     * Marks the connection as ended and tells what it was before, in one step: a handshake completing on another
     * thread cannot slip in between reading the state and ending it.
     *
     * @return the state before; {@link ConnectionState#CLOSED} when the connection had already ended
     */
    public ConnectionState end() {
        return (ConnectionState) STATE.getAndSet(this, ConnectionState.CLOSED);
    }

    /**
     * The counters of the connection's hub.
     *
     * @return the counters
     */
    public HubCounters counters() {
        return owner.counters();
    }

    /**
     * Queues an invocation, serialized once per protocol for every connection that receives the same instance.
     * The form is remembered under the protocol's name rather than this connection's protocol instance: every
     * {@link JsonHubProtocol} of an application writes an invocation alike (they share one JSON-B), and a backplane's
     * serializer must find, and may provide, the very form the connections write.
     *
     * @param invocation the invocation
     * @return completed when queued; failed when the connection refused it
     */
    @Override
    public CompletionStage<Void> send(ClientInvocation invocation) {
        String record = invocation.serialized(JsonHubProtocol.NAME, protocol.invocationWriter());
        return offer(record) ? QUEUED
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
        if (state == ConnectionState.CLOSED) {
            return false;
        }
        if (outbound.offer(record, written)) {
            return true;
        }
        if (!outbound.isClosed() && state != ConnectionState.CLOSED) {
            owner.overflowed(this);
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
        if (state == ConnectionState.CLOSED) {
            return false;
        }
        if (outbound.offer(record)) {
            return true;
        }
        // A queue that is closing refuses quietly; only a full one means the client cannot keep up.
        if (!outbound.isClosed() && state != ConnectionState.CLOSED) {
            owner.overflowed(this);
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
     * The buffer of a record split across frames, made on first use; used only by the receiving thread.
     *
     * @return the partial record
     */
    public StringBuilder partialRecord() {
        StringBuilder current = partialRecord;
        if (current == null) {
            current = new StringBuilder();
            partialRecord = current;
        }
        return current;
    }

    /**
     * The start of a record split across frames, if one arrived; used only by the receiving thread.
     *
     * @return the partial record, or {@code null} when none is pending
     */
    public StringBuilder pendingPartialRecord() {
        StringBuilder current = partialRecord;
        return current == null || current.length() == 0 ? null : current;
    }

    /**
     * Drops the buffer of a split record once the record is complete: records are split only when they are large,
     * and the buffer would keep their size for the life of the connection.
     */
    public void clearPartialRecord() {
        partialRecord = null;
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
     * @return {@link System#nanoTime()} at attach; 0 before, and while {@link #attach} is still running
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
     * The hub's {@code @OnConnected} method is about to run (or the hub has none). It runs only if the connection has
     * not ended before: whichever of the two comes first decides, so that {@code @OnDisconnected} runs exactly when
     * {@code @OnConnected} did.
     *
     * @param finished completes when the method has finished (already complete when there is none)
     * @return {@code false} when the connection ended first: the method must not run
     */
    public boolean connectedHandlerStarts(CompletionStage<Void> finished) {
        return CONNECTED_HANDLER.compareAndSet(this, null, java.util.Objects.requireNonNull(finished));
    }

    /**
     * For the end of the connection: what {@code @OnDisconnected} must wait for. A handler that has not started by
     * now never will.
     *
     * @return the stage of {@code @OnConnected} (complete when the hub has none), or {@code null} when it never
     *         started, and {@code @OnDisconnected} must not run either
     */
    public CompletionStage<Void> connectedHandlerToAwait() {
        if (CONNECTED_HANDLER.compareAndSet(this, null, SKIPPED)) {
            return null;
        }
        CompletionStage<Void> handler = connectedHandler;
        return handler == SKIPPED ? null : handler;
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
        return "HubConnectionContext[" + connectionId + ", " + state + "]";
    }
}
