package dev.hubs.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline of the broadcast: a plain Jakarta WebSocket endpoint that sends every text message it receives to
 * every other open session, as it came (no parsing, no serialization), with the container's blocking send. This is
 * what a developer writes without a framework, and the practical limit of a broadcast on this server.
 *
 * <p>Blocking sends from the sender's thread are safe here because the benchmark has one sender: no session is
 * ever written from two threads at once. (A framework cannot assume that; Hubs queues per connection.)
 */
@ServerEndpoint("/raw/broadcast")
public class RawBroadcastEndpoint {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    /**
     * Remembers a new session.
     *
     * @param session the session
     */
    @OnOpen
    public void open(Session session) {
        SESSIONS.add(session);
    }

    /**
     * Forgets a closed session.
     *
     * @param session the session
     * @param reason  why
     */
    @OnClose
    public void close(Session session, CloseReason reason) {
        SESSIONS.remove(session);
    }

    /**
     * Forgets a failed session.
     *
     * @param session the session
     * @param error   what happened
     */
    @OnError
    public void error(Session session, Throwable error) {
        SESSIONS.remove(session);
    }

    /**
     * Sends the message to everybody else.
     *
     * @param sender  the session it came from
     * @param message the text
     */
    @OnMessage
    public void broadcast(Session sender, String message) {
        for (Session session : SESSIONS) {
            if (session != sender && session.isOpen()) {
                try {
                    session.getBasicRemote().sendText(message);
                } catch (IOException | IllegalStateException e) {
                    SESSIONS.remove(session); // gone meanwhile: the benchmark counts what arrives
                }
            }
        }
    }
}
