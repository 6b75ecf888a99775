package dev.hubs.bench.load;

/**
 * One client of one system, speaking its protocol: raw WebSocket text, the SignalR JSON hub protocol (over
 * WebSockets or long polling), or Socket.IO 4 (over WebSockets or its polling transport). Scenarios drive sessions
 * through this class only, so every scenario runs unchanged against every system.
 *
 * <p>Loop thread only, apart from what the implementations hand over to it.
 */
public abstract class WireSession {

    /** The work a session is opened for; it decides the server path. */
    public enum Work { ECHO, BROADCAST }

    protected final Bench bench;
    protected final Work work;
    private SessionHandler handler;
    private Object attachment;
    private boolean ready;
    private boolean closed;

    protected WireSession(Bench bench, Work work, SessionHandler handler) {
        this.bench = bench;
        this.work = work;
        this.handler = handler;
    }

    /**
     * Creates a session of a target (not started yet).
     *
     * @param bench   the run's environment
     * @param target  the system and transport
     * @param work    echo or broadcast
     * @param handler told about the session's events
     * @return the session
     */
    public static WireSession create(Bench bench, Target target, Work work, SessionHandler handler) {
        return switch (target) {
            case RAW -> new RawSession(bench, work, handler);
            case HUB -> new HubSession.OverWebSocket(bench, work, handler);
            case HUB_LONG_POLLING -> new HubSession.OverLongPolling(bench, work, handler);
            case SOCKETIO -> new SocketIoSession.OverWebSocket(bench, work, handler);
            case SOCKETIO_POLLING -> new SocketIoSession.OverPolling(bench, work, handler);
        };
    }

    /** Connects, and goes through the protocol's handshake; {@link SessionHandler#onReady} follows. */
    public abstract void start();

    /**
     * Calls the echo with the run's payload.
     *
     * @param id the call's id, unique in this session
     */
    public abstract void sendEcho(long id);

    /**
     * Asks the server to send a text to every other session.
     *
     * @param payload ASCII text without quotes or backslashes
     */
    public abstract void sendBroadcast(String payload);

    /** Sends the protocol's keep-alive, where the client is the one to send it. */
    public void keepAlive() {
    }

    /** Ends the session cleanly. {@link SessionHandler#onClosed} follows. */
    public abstract void close();

    /**
     * Whether the session is ready and not closed.
     *
     * @return whether it can be used
     */
    public final boolean isReady() {
        return ready && !closed;
    }

    /**
     * Whether the session has ended.
     *
     * @return whether it is closed
     */
    public final boolean isClosed() {
        return closed;
    }

    /**
     * Hands the session to another handler (from the opener to the scenario). Loop thread only.
     *
     * @param newHandler the handler
     */
    public final void handler(SessionHandler newHandler) {
        this.handler = newHandler;
    }

    /**
     * The scenario's per-session state.
     *
     * @return the attachment
     */
    public final Object attachment() {
        return attachment;
    }

    /**
     * Sets the scenario's per-session state.
     *
     * @param value the attachment
     */
    public final void attach(Object value) {
        this.attachment = value;
    }

    protected final SessionHandler handler() {
        return handler;
    }

    protected final void ready() {
        if (!ready && !closed) {
            ready = true;
            handler.onReady(this);
        }
    }

    protected final void closed(String reason) {
        if (!closed) {
            closed = true;
            released();
            handler.onClosed(this, reason);
        }
    }

    /** The session ended: release what it holds (sockets). */
    protected void released() {
    }
}
