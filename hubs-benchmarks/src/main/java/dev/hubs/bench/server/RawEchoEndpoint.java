package dev.hubs.bench.server;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/**
 * The baseline of the echo: a plain Jakarta WebSocket endpoint that sends every text message back as it came, with
 * no framework, no parsing and no copying beyond what the container does. This is the practical limit of a
 * WebSocket echo on this server. The load generator sends it the same text it sends the echo hub (a SignalR
 * invocation record), so both move the same bytes.
 *
 * <p>The load generator also holds its raw idle connections on this endpoint.
 */
@ServerEndpoint("/raw/echo")
public class RawEchoEndpoint {

    /**
     * Sends the message back. The container delivers one session's messages one at a time, so this blocking send
     * never runs twice at once on a session.
     *
     * @param session the sender
     * @param message the text
     * @throws IOException when the client is gone
     */
    @OnMessage
    public void echo(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }
}
