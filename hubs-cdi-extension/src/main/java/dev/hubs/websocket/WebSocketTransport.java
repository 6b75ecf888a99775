package dev.hubs.websocket;

import dev.hubs.cdi.CdiLog;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.CapturedRequest;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.TransportChannel;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The WebSocket transport of one connection: frames in go to the hub run-time, text out comes from the
 * connection's outbound queue, which never has two writes in flight, so the session is never written from two
 * threads at once.
 *
 * <p>Writes are blocking sends on the application's {@link WebSocketWriters}, which costs the container far less
 * than its asynchronous send; a connection whose client made a send wait sends asynchronously for a while, so that
 * it does not hold a writer thread again meanwhile (see {@link WebSocketWriters}).
 *
 * <p>Text arrives through a partial handler: the run-time assembles records across fragments and enforces the
 * hub's maximum message size per record, as SignalR does, rather than the container failing on large frames that
 * carry several records.
 */
public final class WebSocketTransport extends Endpoint implements TransportChannel {

    /** SignalR's name of this transport. */
    public static final String NAME = "WebSockets";

    /**
     * How long a connection whose client made a send wait sends asynchronously before it tries blocking sends again:
     * a client that is slow for a while holds a writer thread at most once in that time, and one that only seemed
     * slow (a busy machine can delay any thread) is back on the cheap path soon.
     */
    private static final long SLOW_CLIENT_ASYNC_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final HubRuntime runtime;
    private final HubConnectionContext connection;
    private final WebSocketWriters writers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CapturedRequest opening;
    private final WebSocketWriters.Sending sending = new Sending();
    private volatile Session session;
    /** Until when ({@link System#nanoTime()}) sends are asynchronous, because a client made one wait; 0: never. */
    private volatile long asyncSendsUntil;

    WebSocketTransport(HubRuntime runtime, HubConnectionContext connection, CapturedRequest opening,
                       WebSocketWriters writers) {
        this.runtime = runtime;
        this.connection = connection;
        this.opening = opening;
        this.writers = writers;
    }

    @Override
    public void onOpen(Session newSession, EndpointConfig config) {
        this.session = newSession;
        if (!runtime.attach(connection, this, opening)) {
            // Another request attached a transport first (two upgrades raced for one token).
            closeSession(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "The connection already has a transport"));
            return;
        }
        // No container idle timeout: silence is the hub's client timeout, and a send that waits for a client that
        // does not read is ended by the writers' stall limit. On Liberty an idle timeout is a timer task per session
        // that is cancelled and scheduled again every few seconds while messages flow.
        int maxRecord = runtime.options().maximumReceiveMessageSize();
        newSession.setMaxBinaryMessageBufferSize(Math.max(newSession.getMaxBinaryMessageBufferSize(), maxRecord * 4));
        newSession.addMessageHandler(String.class, (MessageHandler.Partial<String>) (text, last) ->
                runtime.receive(connection, text));
        newSession.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes ->
                runtime.receive(connection, StandardCharsets.UTF_8.decode(bytes).toString()));
    }

    @Override
    public void onClose(Session closedSession, CloseReason reason) {
        closed.set(true);
        runtime.transportClosed(connection, null);
    }

    @Override
    public void onError(Session failedSession, Throwable error) {
        CdiLog.transportError("WebSocket of connection " + connection.connectionId(), error);
        runtime.transportClosed(connection, error);
        close(error);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(String text, Consumer<Throwable> completion) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            completion.accept(new IOException("The WebSocket is closed"));
            return;
        }
        long asyncUntil = asyncSendsUntil;
        if (asyncUntil != 0 && System.nanoTime() - asyncUntil < 0) {
            sendAsync(current, text, completion);
        } else if (writers.onWriterThread()) {
            sendBlocking(current, text, completion);
        } else {
            writers.execute(() -> sendBlocking(current, text, completion), completion);
        }
    }

    private void sendBlocking(Session current, String text, Consumer<Throwable> completion) {
        Throwable failure = null;
        try {
            writers.send(sending, () -> current.getBasicRemote().sendText(text));
        } catch (Exception e) {
            failure = e;
        }
        try {
            completion.accept(failure);
        } catch (RuntimeException e) {
            // The completion carries on with the connection's queue; keep the writer thread whatever it throws.
            CdiLog.transportError("Completing a write to connection " + connection.connectionId(), e);
        }
    }

    private static void sendAsync(Session current, String text, Consumer<Throwable> completion) {
        try {
            current.getAsyncRemote().sendText(text, result -> completion.accept(
                    result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            completion.accept(e);
        }
    }

    /** The stall limit of the hub's connections: twice the client timeout. */
    private long stallLimitMillis() {
        return runtime.options().clientTimeout().toMillis() * 2;
    }

    /**
     * Closes the WebSocket on a writer thread, never on the caller's: Liberty's {@code Session.close} waits up to
     * 5.5 s for a send in progress, which a client that reads nothing never lets finish, and the caller may be the
     * thread of a broadcast whose message overflowed this connection's queue (it must go on to the other
     * connections at once) or a thread that receives.
     */
    @Override
    public void close(Throwable error) {
        CloseReason reason = error == null
                ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                : new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Server error");
        writers.execute(() -> closeSession(reason), rejected -> closeSession(reason));
    }

    /** What the writers' monitor tells this connection. */
    private final class Sending implements WebSocketWriters.Sending {

        @Override
        public void slow() {
            Session current = session;
            if (asyncSendsUntil == 0 && current != null) {
                // An asynchronous send that waits this long fails, and the connection with it.
                current.getAsyncRemote().setSendTimeout(stallLimitMillis());
            }
            long until = System.nanoTime() + SLOW_CLIENT_ASYNC_NANOS;
            asyncSendsUntil = until == 0 ? 1 : until;
        }

        @Override
        public long stallLimitNanos() {
            return TimeUnit.MILLISECONDS.toNanos(stallLimitMillis());
        }

        @Override
        public void stalled(long stalledMillis) {
            CdiLog.writeStalled(connection.connectionId(), stalledMillis);
            IOException error = new IOException("The client read nothing for " + stalledMillis + " ms");
            // Closing waits for the stuck send inside the container: not on the monitor's thread.
            writers.execute(() -> {
                runtime.transportClosed(connection, error);
                close(error);
            }, ignored -> { });
        }
    }

    private void closeSession(CloseReason reason) {
        Session current = session;
        if (current == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (current.isOpen()) {
                current.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            CdiLog.transportError("Closing the WebSocket of connection " + connection.connectionId(), e);
        }
        runtime.transportClosed(connection, null);
    }
}
