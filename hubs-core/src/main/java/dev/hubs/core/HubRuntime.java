package dev.hubs.core;

import dev.hubs.ClientProxy;
import dev.hubs.GroupManager;
import dev.hubs.HubClients;
import dev.hubs.HubException;
import dev.hubs.HubStatistics;
import dev.hubs.core.clients.ConnectionCallerContext;
import dev.hubs.core.clients.LifetimeGroupManager;
import dev.hubs.core.clients.LifetimeHubCallerClients;
import dev.hubs.core.clients.LifetimeHubClients;
import dev.hubs.core.connection.CapturedRequest;
import dev.hubs.core.connection.ConnectionLimit;
import dev.hubs.core.connection.ConnectionIds;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.HubCounters;
import dev.hubs.core.connection.TransportChannel;
import dev.hubs.core.dispatch.ConnectionBinder;
import dev.hubs.core.dispatch.ErrorMessages;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import dev.hubs.core.dispatch.HubDispatcher;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.core.protocol.CancelInvocationMessage;
import dev.hubs.core.protocol.CloseMessage;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.HandshakeProtocol;
import dev.hubs.core.protocol.HandshakeRequest;
import dev.hubs.core.protocol.HubMessage;
import dev.hubs.core.protocol.HubProtocolException;
import dev.hubs.core.protocol.InvocationBindingFailureMessage;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.PingMessage;
import dev.hubs.core.protocol.RecordSeparator;
import dev.hubs.core.protocol.StreamBindingFailureMessage;
import dev.hubs.core.protocol.StreamInvocationMessage;
import dev.hubs.core.protocol.StreamItemMessage;
import dev.hubs.core.security.ConnectionIdentity;
import dev.hubs.core.security.HubAuthorization;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.UserIdProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Everything one hub needs at run time, and the entry points of its transports: negotiate, open, attach, receive,
 * closed. A transport never touches the protocol or the dispatcher itself.
 *
 * <p>The receive path of one connection is driven by one thread at a time (its transport guarantees it);
 * everything else is safe from any thread.
 *
 * <p>Why this file is past 500 lines (about a quarter of it javadoc): it is the state machine of a connection's life
 * (negotiated, handshaking, connected, ended), and every path that ends a connection (protocol error, Close message,
 * abort, overflow, failed write, timeouts, shutdown) is kept here, next to the one {@code disconnect} they all go
 * through, so that "exactly once" (a slot given back, {@code @OnDisconnected} after {@code @OnConnected}, the
 * lifetime manager left, the counters settled) can be checked by reading one file. What is not part of that already
 * lives beside it: the routing of stream messages ({@link dev.hubs.core.dispatch.StreamMessages}), the connection
 * limit ({@link ConnectionLimit}), the counts ({@link HubCounters}). The next parts to move out, each behind a small
 * interface to {@code disconnect}: the heartbeat's per-state checks (with the lingering Close grace), and the
 * framing of received text into records with the handshake step.
 */
public final class HubRuntime {

    /** How long a client that sent a Close message has to close its transport itself. */
    private static final long CLOSE_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private static final String WEB_SOCKETS = TransportType.WEB_SOCKETS.signalRName();

    /** Runs a task on the calling thread. */
    private static final Executor DIRECT = Runnable::run;

    private final String path;
    private final HubOptions options;
    private final HubMethodTable methods;
    private final JsonHubProtocol protocol;
    private final HandshakeProtocol handshake;
    private final HubLifetimeManager lifetime;
    private final UserIdProvider userIds;
    private final HubDispatcher dispatcher;
    private final LifetimeHubClients clients;
    private final LifetimeGroupManager groups;
    private final HubAuthorization authorization;
    private final Map<String, HubConnectionContext> connectionsByToken = new ConcurrentHashMap<>();
    /** The slots of {@code maximum-connections}: taken in {@link #register}, given back in {@link #disconnect}. */
    private final ConnectionLimit connectionLimit;
    /** Connections the client ended with a Close message, whose transport the client has yet to close. */
    private final Map<HubConnectionContext, Long> lingering = new ConcurrentHashMap<>();
    private final long handshakeTimeoutNanos;
    private final long keepAliveNanos;
    private final long clientTimeoutNanos;
    private final long disconnectTimeoutNanos;
    private final Executor invocationExecutor;
    /**
     * Where {@code @OnDisconnected} runs for connections the heartbeat ends: never on the heartbeat's own thread, which
     * a slow or blocking method would take from every other connection's pings and timeouts.
     */
    private final Executor heartbeatDisconnects;
    private final HubCounters counters = new HubCounters();
    /** Told of every connection's overflow and failed writes: one object for all of them. */
    private final HubConnectionContext.Owner connectionOwner = new HubConnectionContext.Owner() {
        @Override
        public void overflowed(HubConnectionContext connection) {
            HubRuntime.this.overflowed(connection);
        }

        @Override
        public void writeFailed(HubConnectionContext connection, Throwable error) {
            HubRuntime.this.writeFailed(connection, error);
        }

        @Override
        public HubCounters counters() {
            return counters;
        }
    };

    /**
     * Creates the runtime of a hub.
     *
     * @param path      the hub path, relative to the context root
     * @param methods   the hub's method table
     * @param activator gives hub instances per invocation
     * @param lifetime  delivers messages to connections
     * @param userIds   decides user ids
     * @param jsonb     converts arguments and results
     * @param options   the hub's settings
     */
    public HubRuntime(String path, HubMethodTable methods, HubActivator activator, HubLifetimeManager lifetime,
                      UserIdProvider userIds, Jsonb jsonb, HubOptions options) {
        this(path, methods, activator, lifetime, userIds, jsonb, options, UnaryOperator.identity());
    }

    /**
     * Creates the runtime of a hub, with a translation of platform exceptions.
     *
     * @param path            the hub path, relative to the context root
     * @param methods         the hub's method table
     * @param activator       gives hub instances per invocation
     * @param lifetime        delivers messages to connections
     * @param userIds         decides user ids
     * @param jsonb           converts arguments and results
     * @param options         the hub's settings
     * @param errorTranslator turns exceptions of the platform into what clients should see (see
     *                        {@link HubDispatcher})
     */
    public HubRuntime(String path, HubMethodTable methods, HubActivator activator, HubLifetimeManager lifetime,
                      UserIdProvider userIds, Jsonb jsonb, HubOptions options,
                      UnaryOperator<Throwable> errorTranslator) {
        this(path, methods, activator, lifetime, userIds, jsonb, options, errorTranslator, null);
    }

    /**
     * Creates the runtime of a hub, with a translation of platform exceptions and an executor for invocations
     * that may run in parallel.
     *
     * @param path               the hub path, relative to the context root
     * @param methods            the hub's method table
     * @param activator          gives hub instances per invocation
     * @param lifetime           delivers messages to connections
     * @param userIds            decides user ids
     * @param jsonb              converts arguments and results
     * @param options            the hub's settings
     * @param errorTranslator    turns exceptions of the platform into what clients should see
     * @param invocationExecutor runs the invocations of connections that may run more than one at once; with
     *                           {@code null} they run on the thread that delivered the message
     */
    public HubRuntime(String path, HubMethodTable methods, HubActivator activator, HubLifetimeManager lifetime,
                      UserIdProvider userIds, Jsonb jsonb, HubOptions options,
                      UnaryOperator<Throwable> errorTranslator, Executor invocationExecutor) {
        this.invocationExecutor = invocationExecutor;
        this.heartbeatDisconnects = invocationExecutor == null ? DIRECT : invocationExecutor;
        this.path = Objects.requireNonNull(path);
        this.methods = Objects.requireNonNull(methods);
        this.lifetime = Objects.requireNonNull(lifetime);
        this.userIds = Objects.requireNonNull(userIds);
        this.options = Objects.requireNonNull(options);
        JsonProvider provider = JsonProvider.provider();
        this.protocol = new JsonHubProtocol(provider, jsonb);
        this.handshake = new HandshakeProtocol(provider);
        this.clients = new LifetimeHubClients(lifetime);
        this.groups = new LifetimeGroupManager(lifetime);
        this.authorization = HubAuthorization.of(methods);
        this.dispatcher = new HubDispatcher(path, methods, authorization, activator, options.enableDetailedErrors(),
                connection -> new HubCaller(new ConnectionCallerContext(connection, () -> abort(connection)),
                        new LifetimeHubCallerClients(lifetime, connection.connectionId()), groups),
                errorTranslator);
        this.handshakeTimeoutNanos = options.handshakeTimeout().toNanos();
        this.keepAliveNanos = options.keepAliveInterval().toNanos();
        this.clientTimeoutNanos = options.clientTimeout().toNanos();
        this.disconnectTimeoutNanos = options.disconnectTimeout().toNanos();
        this.connectionLimit = new ConnectionLimit(options.maximumConnections());
    }

    /**
     * The hub path.
     *
     * @return the path, for example {@code /chat}
     */
    public String path() {
        return path;
    }

    /**
     * The hub class.
     *
     * @return the class
     */
    public Class<?> hubClass() {
        return methods.hubClass();
    }

    /**
     * The hub's settings.
     *
     * @return the options
     */
    public HubOptions options() {
        return options;
    }

    /**
     * The hub's clients, for code outside the hub.
     *
     * @return untyped targets
     */
    public HubClients<ClientProxy> clients() {
        return clients;
    }

    /**
     * The hub's groups, for code outside the hub.
     *
     * @return the group manager
     */
    public GroupManager groups() {
        return groups;
    }

    /**
     * The hub's lifetime manager.
     *
     * @return the lifetime manager
     */
    public HubLifetimeManager lifetimeManager() {
        return lifetime;
    }

    // ---------------------------------------------------------------- transports' entry points

    /**
     * Answers a negotiate request and registers the new connection.
     *
     * @param negotiateVersion the {@code negotiateVersion} query parameter, or {@code null}
     * @param transports       the transports on offer
     * @param principal        the authenticated caller, or {@code null}
     * @return the response to write
     */
    public Negotiation.Response negotiate(String negotiateVersion, List<AvailableTransport> transports,
                                          Principal principal) {
        return negotiate(negotiateVersion, transports, ConnectionIdentity.of(principal));
    }

    /**
     * Answers a negotiate request and registers the new connection, owned by a caller the transport has
     * authenticated and authorized ({@link #authorization()}).
     *
     * @param negotiateVersion the {@code negotiateVersion} query parameter, or {@code null}
     * @param transports       the transports on offer
     * @param identity         the caller
     * @return the response to write: status 503 and no connection when the hub holds its
     *         {@code maximum-connections}
     */
    public Negotiation.Response negotiate(String negotiateVersion, List<AvailableTransport> transports,
                                          ConnectionIdentity identity) {
        return Negotiation.negotiate(negotiateVersion, transports, version -> {
            String id = ConnectionIds.next();
            // In negotiate version 0 the public id is also what the transports send.
            return register(id, version >= 1 ? ConnectionIds.next() : id, identity);
        });
    }

    /**
     * Creates a connection for a transport that connects without negotiating (WebSockets with
     * {@code skipNegotiation}).
     *
     * @param principal the authenticated caller, or {@code null}
     * @return the connection, registered; {@code null} when the hub holds its {@code maximum-connections}
     */
    public HubConnectionContext open(Principal principal) {
        return open(ConnectionIdentity.of(principal));
    }

    /**
     * Creates a connection for a transport that connects without negotiating, owned by a caller the transport has
     * authenticated and authorized.
     *
     * @param identity the caller
     * @return the connection, registered; {@code null} when the hub holds its {@code maximum-connections}
     */
    public HubConnectionContext open(ConnectionIdentity identity) {
        return register(ConnectionIds.next(), ConnectionIds.next(), identity);
    }

    /**
     * The hub's access rules, from {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}.
     *
     * @return the rules
     */
    public HubAuthorization authorization() {
        return authorization;
    }

    /**
     * The hub's count of connections against its {@code maximum-connections}; for the transports' log and tests.
     *
     * @return the limit
     */
    public ConnectionLimit connectionLimit() {
        return connectionLimit;
    }

    /** Creates and registers a connection, or answers {@code null} when no slot is free. */
    private HubConnectionContext register(String id, String token, ConnectionIdentity identity) {
        if (!connectionLimit.tryAcquire()) {
            return null;
        }
        HubConnectionContext connection = new HubConnectionContext(id, token, protocol,
                options.outboundQueueCapacity(), options.maximumParallelInvocationsPerClient(), invocationExecutor,
                options.streamBufferCapacity(), options.clientResultTimeout(), connectionOwner);
        connection.establish(identity);
        counters.connectionOpened();
        connectionsByToken.put(token, connection);
        return connection;
    }

    /**
     * Finds a connection by the token a transport request carries.
     *
     * @param token the {@code id} query parameter
     * @return the connection, or {@code null} when there is none (or it ended, unless its client has yet to
     *         collect the end: see {@link TransportChannel#clientCollectsEnd()})
     */
    public HubConnectionContext find(String token) {
        HubConnectionContext connection = token == null ? null : connectionsByToken.get(token);
        if (connection != null && connection.state() == ConnectionState.CLOSED
                && !endStillToCollect(connection, System.nanoTime())) {
            // Its client has just collected the end: forgotten now rather than at the next heartbeat.
            connectionsByToken.remove(token, connection);
            return null;
        }
        return connection;
    }

    /**
     * Attaches a transport to a connection; the handshake is expected next.
     *
     * @param connection the connection
     * @param channel    the transport
     * @return {@code false} when the connection already has a transport or has ended
     */
    public boolean attach(HubConnectionContext connection, TransportChannel channel) {
        return connection.attach(channel);
    }

    /**
     * Attaches a transport to a connection, with the request that opened it; the handshake is expected next.
     *
     * @param connection     the connection
     * @param channel        the transport
     * @param openingRequest the request that opened the transport
     * @return {@code false} when the connection already has a transport or has ended
     */
    public boolean attach(HubConnectionContext connection, TransportChannel channel, CapturedRequest openingRequest) {
        return connection.attach(channel, openingRequest);
    }

    /**
     * Processes text received from a connection: one or more records, possibly the end or the start of a record
     * split across frames.
     *
     * @param connection the connection
     * @param text       what arrived
     */
    public void receive(HubConnectionContext connection, String text) {
        if (connection.state() == ConnectionState.CLOSED) {
            return;
        }
        connection.touchReceived();
        int start = 0;
        int end;
        while ((end = text.indexOf(RecordSeparator.CHAR, start)) >= 0) {
            String record;
            StringBuilder partial = connection.pendingPartialRecord();
            if (partial != null) {
                record = partial.append(text, start, end).toString();
                connection.clearPartialRecord();
            } else {
                record = text.substring(start, end);
            }
            start = end + 1;
            if (record.length() > options.maximumReceiveMessageSize()) {
                tooLarge(connection);
                return;
            }
            if (!process(connection, record)) {
                return;
            }
        }
        if (start < text.length()) {
            StringBuilder partial = connection.partialRecord();
            partial.append(text, start, text.length());
            if (partial.length() > options.maximumReceiveMessageSize()) {
                connection.clearPartialRecord();
                tooLarge(connection);
            }
        }
    }

    private void tooLarge(HubConnectionContext connection) {
        if (connection.state() == ConnectionState.HANDSHAKING) {
            // The SignalR server stops reading an oversized handshake and cancels it.
            refuseHandshake(connection, "Handshake was canceled.", "handshake larger than the maximum message size");
            return;
        }
        fail(connection, new HubProtocolException("The maximum message size of "
                + options.maximumReceiveMessageSize() + "B was exceeded. The message size can be configured in the "
                + "hub options."));
    }

    /**
     * The transport ended (the client went away, or the server closed it).
     *
     * @param connection the connection
     * @param error      why, or {@code null} for a normal end
     */
    public void transportClosed(HubConnectionContext connection, Throwable error) {
        lingering.remove(connection);
        disconnect(connection, error);
    }

    // ---------------------------------------------------------------- receiving

    /** Handles one record; returns {@code false} when the connection ended because of it. */
    private boolean process(HubConnectionContext connection, String record) {
        ConnectionState state = connection.state();
        if (state == ConnectionState.HANDSHAKING) {
            return processHandshake(connection, record);
        }
        if (state != ConnectionState.CONNECTED) {
            return false;
        }
        HubMessage message;
        try {
            message = protocol.parse(record, new ConnectionBinder(methods, connection));
        } catch (HubProtocolException e) {
            fail(connection, e);
            return false;
        }
        if (message instanceof InvocationMessage invocation) {
            dispatcher.invoke(connection, invocation);
        } else if (message instanceof InvocationBindingFailureMessage failure) {
            dispatcher.bindingFailed(connection, failure);
        } else if (message instanceof StreamInvocationMessage stream) {
            dispatcher.streamInvocation(connection, stream);
        } else if (message instanceof CompletionMessage completion) {
            dispatcher.streams().completion(connection, completion);
        } else if (message instanceof StreamItemMessage item) {
            dispatcher.streams().streamItem(connection, item);
        } else if (message instanceof CancelInvocationMessage cancel) {
            dispatcher.streams().cancel(connection, cancel);
        } else if (message instanceof StreamBindingFailureMessage failure) {
            dispatcher.streams().streamBindingFailed(connection, failure);
        } else if (message instanceof PingMessage) {
            connection.startClientTimeout();
        } else if (message instanceof CloseMessage) {
            // The client is leaving and its own close of the transport usually follows at once (the official Java
            // client sends both together). Closing from this side too would race it, which some containers handle
            // badly, so the connection ends here and the transport is given a moment to be closed by the client
            // before the heartbeat closes it. No Close reply is sent: it is optional, and it would race too.
            TransportChannel channel = connection.transport();
            if (channel != null && WEB_SOCKETS.equals(channel.name())) {
                lingering.put(connection, System.nanoTime());
            } else {
                connection.closeNow(null); // HTTP transports: nothing races, end the poll or stream at once
            }
            String error = ((CloseMessage) message).error();
            disconnect(connection, error == null ? null : new HubException(error));
            return false;
        }
        // Ack and Sequence belong to stateful reconnect, which is not offered: SignalR ignores them, and so do we.
        // Unknown message types are ignored for newer clients' sake.
        return true;
    }

    private boolean processHandshake(HubConnectionContext connection, String record) {
        HandshakeRequest request;
        try {
            request = handshake.parse(record);
        } catch (HubProtocolException e) {
            return refuseHandshake(connection,
                    ErrorMessages.handshakeFailed(e, options.enableDetailedErrors()), e.getMessage());
        }
        if (!JsonHubProtocol.NAME.equalsIgnoreCase(request.protocol())) {
            return refuseHandshake(connection, "The protocol '" + request.protocol() + "' is not supported.",
                    "unsupported protocol");
        }
        if (request.version() > JsonHubProtocol.VERSION) {
            return refuseHandshake(connection, "The server does not support version " + request.version()
                    + " of the '" + request.protocol() + "' protocol.", "unsupported version");
        }
        Principal principal = connection.principal().orElse(null);
        connection.identify(principal, userIds.userId(principal, connection.request()));
        // The response is queued before the connection becomes visible to senders, so it is always first; it is
        // written only once the connection is known to the lifetime manager, so that whatever the client does as
        // soon as it has the response (a REST call adding it to a group ...) finds the connection.
        connection.holdOutbound();
        connection.sendRecord(HandshakeProtocol.SUCCESS);
        if (!connection.handshakeCompleted()) {
            connection.releaseOutbound();
            return false;
        }
        lifetime.onConnected(connection).whenComplete((ignored, error) -> {
            connection.releaseOutbound();
            if (connection.state() == ConnectionState.CLOSED) {
                // It ended while it was being registered, and its end may have left the lifetime manager before
                // this joined it: leaving again is harmless, staying would keep it there for good.
                lifetime.onDisconnected(connection);
            }
        });
        // Runs before any invocation of the connection: the gate holds them until it has completed.
        dispatcher.connected(connection, this::connectedHandlerFailed);
        return true;
    }

    private boolean refuseHandshake(HubConnectionContext connection, String error, String logged) {
        CoreLog.handshakeFailed(path, connection.connectionId(), logged);
        connection.sendRecord(HandshakeProtocol.error(error));
        closeAfterFlush(connection);
        return false;
    }

    /** Ends a connection that sent something invalid: a Close message with the error, then the transport. */
    private void fail(HubConnectionContext connection, HubProtocolException error) {
        CoreLog.protocolError(path, connection.connectionId(), error.getMessage());
        connection.closeGracefully(new CloseMessage(
                ErrorMessages.connectionClosed(error, options.enableDetailedErrors()), true));
        disconnect(connection, error);
    }

    /** {@code @OnConnected} failed: the connection is refused with an error and no reconnect, as SignalR does. */
    private void connectedHandlerFailed(HubConnectionContext connection, Throwable error) {
        connection.markConnectedHandlerFailed();
        connection.closeGracefully(new CloseMessage(
                ErrorMessages.connectionClosed(error, options.enableDetailedErrors()), false));
        disconnect(connection, error);
    }

    private void closeAfterFlush(HubConnectionContext connection) {
        connection.closeWhenDrained();
        disconnect(connection);
    }

    /** What {@code HubCallerContext.abort()} does: a plain Close message, then the end. */
    private void abort(HubConnectionContext connection) {
        connection.closeGracefully(CloseMessage.EMPTY);
        disconnect(connection);
    }

    /**
     * The token that authenticated the connection has expired: the connection ends with a Close message that lets
     * the client reconnect, which it does with a fresh token (SignalR's {@code CloseOnAuthenticationExpiration}).
     */
    private void authenticationExpired(HubConnectionContext connection) {
        CoreLog.timedOut(connection.connectionId(), "the authentication of the connection expired");
        connection.closeGracefully(new CloseMessage(null, true));
        disconnect(connection, new IllegalStateException("The authentication of the connection expired"),
                heartbeatDisconnects);
    }

    private void overflowed(HubConnectionContext connection) {
        CoreLog.outboundQueueFull(connection.connectionId(), options.outboundQueueCapacity());
        IllegalStateException cause = new IllegalStateException("The outbound queue of the connection is full");
        connection.closeNow(cause);
        disconnect(connection, cause);
    }

    private void writeFailed(HubConnectionContext connection, Throwable error) {
        CoreLog.writeFailed(connection.connectionId(), error);
        connection.closeNow(error);
        disconnect(connection, error);
    }

    private void disconnect(HubConnectionContext connection) {
        disconnect(connection, null);
    }

    /**
     * Forgets a connection; runs once per connection whatever path ended it. The {@code @OnDisconnected} method
     * runs first, then the connection leaves the lifetime manager (and so its groups), as in SignalR.
     */
    private void disconnect(HubConnectionContext connection, Throwable cause) {
        disconnect(connection, cause, DIRECT);
    }

    /**
     * Forgets a connection, running its {@code @OnDisconnected} method on an executor of the caller's choice.
     *
     * @param lifecycle where {@code @OnDisconnected} runs (when {@code @OnConnected} has already finished)
     */
    private void disconnect(HubConnectionContext connection, Throwable cause, Executor lifecycle) {
        ConnectionState previous = connection.end();
        if (previous == ConnectionState.CLOSED) {
            return;
        }
        connectionLimit.release();
        if (!endStillToCollect(connection, System.nanoTime())) {
            connectionsByToken.remove(connection.connectionToken(), connection);
        }
        connection.invocations().close();
        // Streams and client results end before @OnDisconnected runs, as SignalR aborts them with the connection.
        IOException gone = new IOException("Connection '" + connection.connectionId() + "' disconnected.");
        connection.streams().closeAll(gone);
        connection.results().failAll(gone);
        if (previous != ConnectionState.CONNECTED) {
            counters.connectionClosed(); // never known to the lifetime manager nor to the hub's code
            return;
        }
        CompletionStage<Void> connected = connection.connectedHandlerToAwait();
        if (connected == null) {
            leave(connection); // it ended before @OnConnected could start: @OnDisconnected does not run either
            return;
        }
        // @OnDisconnected runs after @OnConnected has finished, never beside it, and not at all when it failed.
        connected.thenComposeAsync(ignored -> connection.connectedHandlerFailed()
                        ? CompletableFuture.<Void>completedStage(null) : dispatcher.disconnected(connection, cause),
                        lifecycle)
                .whenComplete((ignored, error) -> leave(connection));
    }

    /** The last step of a connection's end: it leaves the lifetime manager, and so its groups. */
    private void leave(HubConnectionContext connection) {
        CompletionStage<Void> left;
        try {
            left = lifetime.onDisconnected(connection);
        } catch (RuntimeException e) {
            CoreLog.unexpected("Removing connection " + connection.connectionId() + " from the lifetime manager", e);
            counters.connectionClosed();
            return;
        }
        left.whenComplete((ignored, error) -> counters.connectionClosed());
    }

    /**
     * Whether an ended connection must still be found by its token: its client learns of the end only by coming
     * back for it (long polling), has not done so yet, and has not been away for the disconnect timeout. The
     * heartbeat forgets it afterwards.
     */
    private boolean endStillToCollect(HubConnectionContext connection, long now) {
        TransportChannel channel = connection.transport();
        if (channel == null || !channel.clientCollectsEnd()) {
            return false;
        }
        long absentSince = channel.absentSinceNanos();
        return absentSince < 0 || now - absentSince <= disconnectTimeoutNanos;
    }

    // ---------------------------------------------------------------- time

    /**
     * Sends keep-alive pings and closes connections that stayed silent too long. Called about once a second by
     * {@link HubHeartbeat}.
     *
     * @param now {@link System#nanoTime()}
     */
    public void heartbeat(long now) {
        for (Map.Entry<HubConnectionContext, Long> closing : lingering.entrySet()) {
            if (now - closing.getValue() > CLOSE_GRACE_NANOS) {
                lingering.remove(closing.getKey());
                closing.getKey().closeNow(null);
            }
        }
        // Token expiry is wall-clock time, the other limits are measured with the monotonic clock.
        Instant wallClock = options.closeOnAuthenticationExpiration() ? Instant.now() : null;
        for (HubConnectionContext connection : connectionsByToken.values()) {
            switch (connection.state()) {
                case NEGOTIATED -> {
                    if (now - connection.createdNanos() > handshakeTimeoutNanos) {
                        CoreLog.timedOut(connection.connectionId(), "negotiated but never opened");
                        disconnect(connection);
                    }
                }
                case HANDSHAKING -> {
                    // 0: the transport is being attached on another thread right now, its clock not set yet.
                    long attached = connection.attachedNanos();
                    if (attached != 0 && now - attached > handshakeTimeoutNanos) {
                        CoreLog.timedOut(connection.connectionId(), "no handshake within the handshake timeout");
                        connection.sendRecord(HandshakeProtocol.error("Handshake was canceled."));
                        closeAfterFlush(connection);
                    }
                }
                case CONNECTED -> {
                    if (wallClock != null && connection.identity().expiredAt(wallClock)) {
                        authenticationExpired(connection);
                        continue;
                    }
                    connection.results().expire(now, connection.connectionId());
                    TransportChannel channel = connection.transport();
                    long absentSince = channel == null ? -1 : channel.absentSinceNanos();
                    if (absentSince >= 0 && now - absentSince > disconnectTimeoutNanos) {
                        CoreLog.timedOut(connection.connectionId(), "the client stopped polling");
                        connection.closeNow(null);
                        disconnect(connection, new TimeoutException("The client did not poll within the "
                                + "disconnect timeout of " + options.disconnectTimeout()), heartbeatDisconnects);
                    } else if (connection.clientTimeoutStarted() && !connection.invocations().busy()
                            && now - Math.max(connection.lastReceivedNanos(),
                                    connection.invocations().idleSinceNanos()) > clientTimeoutNanos) {
                        // Paused while an invocation runs, restarted when it ends (its thread may be the one that
                        // reads the client's pings), as the SignalR server does.
                        CoreLog.timedOut(connection.connectionId(), "nothing received within the client timeout");
                        connection.closeGracefully(new CloseMessage("Connection closed with an error.", true));
                        disconnect(connection, new TimeoutException("The client sent nothing within the client "
                                + "timeout of " + options.clientTimeout()), heartbeatDisconnects);
                    } else if (now - connection.lastSentNanos() >= keepAliveNanos
                            && (channel == null || !channel.inherentKeepAlive())) {
                        connection.send(PingMessage.INSTANCE);
                    }
                }
                case CLOSED -> {
                    if (!endStillToCollect(connection, now)) {
                        connectionsByToken.remove(connection.connectionToken(), connection);
                    }
                }
            }
        }
    }

    /**
     * Ends every connection: the application is stopping. The transports are closed without a Close message, so
     * that clients with automatic reconnect come back when the server does.
     */
    public void shutdown() {
        for (HubConnectionContext connection : connectionsByToken.values()) {
            connection.closeNow(null);
            disconnect(connection);
        }
        for (HubConnectionContext connection : lingering.keySet()) {
            connection.closeNow(null);
        }
        lingering.clear();
    }

    /**
     * What the hub holds now: connections, group memberships, running invocations, streams and client results (see
     * {@link HubStatistics}).
     *
     * @return a snapshot
     */
    public HubStatistics statistics() {
        return counters.snapshot(lifetime.localConnectionCount(), lifetime.localGroupMembershipCount());
    }

    /**
     * The connections known to this hub (negotiated, opening or connected, and ended ones whose client has yet to
     * collect the end); for operators and tests.
     *
     * @return a live view
     */
    public Collection<HubConnectionContext> connections() {
        return connectionsByToken.values();
    }
}
