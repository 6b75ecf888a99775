package dev.hubs.it.model.fanout;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.RawConnection.RS;

/**
 * A SignalR connection that completes its handshake and then stops reading: the JDK's WebSocket reads from the
 * socket only while the listener has asked for more ({@link WebSocket#request}), and this one never asks again after
 * the handshake reply. TCP back-pressure then stalls the server's writes to it.
 */
final class StalledClient implements AutoCloseable {

    private final String connectionId;
    private final WebSocket webSocket;

    private StalledClient(String connectionId, WebSocket webSocket) {
        this.connectionId = connectionId;
        this.webSocket = webSocket;
    }

    /**
     * Negotiates, opens the WebSocket, completes the handshake and stops reading.
     *
     * @param hub the hub
     * @return the stalled connection
     */
    static StalledClient connect(RawHub hub) {
        JsonObject negotiation = hub.negotiateV1();
        URI uri = hub.webSocketUri(negotiation.getString("connectionToken"));
        Listener listener = new Listener();
        try {
            WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Await.TIMEOUT)
                    .buildAsync(uri, listener)
                    .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            webSocket.sendText(RawHub.JSON_HANDSHAKE, true).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String reply = listener.handshake.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!"{}".equals(reply)) {
                webSocket.abort();
                throw new AssertionError("Handshake answered " + reply);
            }
            return new StalledClient(negotiation.getString("connectionId"), webSocket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("The stalled client could not connect", e);
        }
    }

    /** @return the public connection id, as the server logs it */
    String connectionId() {
        return connectionId;
    }

    @Override
    public void close() {
        webSocket.abort();
    }

    /** Reads until the handshake reply is complete, then never asks for anything again. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder received = new StringBuilder();
        final CompletableFuture<String> handshake = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.append(data);
            int end = received.indexOf(String.valueOf(RS));
            if (end >= 0) {
                handshake.complete(received.substring(0, end));
                // No request(1) here: from now on the socket is not read.
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            handshake.completeExceptionally(error);
        }
    }
}
