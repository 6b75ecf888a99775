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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The WebSocket transport of one connection: frames in go to the hub run-time, text out comes from the
 * connection's outbound queue, which never has two writes in flight, so the session is never written from two
 * threads at once.
 *
 * <p>Text arrives through a partial handler: the run-time assembles records across fragments and enforces the
 * hub's maximum message size per record, as SignalR does, rather than the container failing on large frames that
 * carry several records.
 */
public final class WebSocketTransport extends Endpoint implements TransportChannel {

    /** SignalR's name of this transport. */
    public static final String NAME = "WebSockets";

    private final HubRuntime runtime;
    private final HubConnectionContext connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CapturedRequest opening;
    private volatile Session session;

    WebSocketTransport(HubRuntime runtime, HubConnectionContext connection, CapturedRequest opening) {
        this.runtime = runtime;
        this.connection = connection;
        this.opening = opening;
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
        // Silence is handled by the hub's client timeout; the container's idle timeout is only a safety net.
        newSession.setMaxIdleTimeout(runtime.options().clientTimeout().toMillis() * 2);
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
        try {
            current.getAsyncRemote().sendText(text, result -> completion.accept(
                    result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            completion.accept(e);
        }
    }

    @Override
    public void close(Throwable error) {
        closeSession(error == null
                ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "")
                : new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Server error"));
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
