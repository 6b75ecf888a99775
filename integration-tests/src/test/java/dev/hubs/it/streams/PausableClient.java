package dev.hubs.it.streams;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.hubs.it.support.RawConnection.RS;

/**
 * A raw WebSocket connection to a hub whose reading the test turns off and on. The JDK's WebSocket reads from the
 * socket only while its listener has asked for more ({@link WebSocket#request}): after {@link #pauseAfter} records
 * this one stops asking, so the socket is not read and TCP back-pressure reaches the server, until {@link #resume()}.
 */
final class PausableClient implements AutoCloseable {

    private final WebSocket webSocket;
    private final Listener listener;

    private PausableClient(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    /**
     * Negotiates, opens the WebSocket and completes the JSON handshake.
     *
     * @param hub the hub
     * @return a connection that reads until told otherwise
     */
    static PausableClient connect(RawHub hub) {
        JsonObject negotiation = hub.negotiateV1();
        Listener listener = new Listener();
        try {
            WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Await.TIMEOUT)
                    .buildAsync(hub.webSocketUri(negotiation.getString("connectionToken")), listener)
                    .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            PausableClient client = new PausableClient(webSocket, listener);
            client.send(RawHub.JSON_HANDSHAKE);
            String reply = client.nextRecord();
            if (!"{}".equals(reply)) {
                webSocket.abort();
                throw new AssertionError("Handshake answered " + reply);
            }
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("The pausable client could not connect", e);
        }
    }

    /**
     * Sends one WebSocket text message.
     *
     * @param text the message, record separators included
     */
    void send(String text) {
        try {
            webSocket.sendText(text, true).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Sending failed", e);
        }
    }

    /**
     * Stops reading from the socket once this many records (handshake reply included) have been received: the
     * WebSocket message that completes them is the last one read.
     *
     * @param records the count
     */
    void pauseAfter(long records) {
        synchronized (listener) {
            listener.pauseAfter = records;
        }
    }

    /** Reads again. */
    void resume() {
        boolean stalled;
        synchronized (listener) {
            listener.pauseAfter = Long.MAX_VALUE;
            stalled = listener.stalled;
            listener.stalled = false;
        }
        if (stalled) {
            webSocket.request(1);
        }
    }

    /**
     * The next record, waiting up to {@link Await#TIMEOUT}.
     *
     * @return the record without its separator
     */
    String nextRecord() {
        String failure = listener.failure;
        if (failure != null) {
            throw new AssertionError(failure);
        }
        return Await.next(listener.records, "a record of the pausable client");
    }

    @Override
    public void close() {
        webSocket.abort();
    }

    /** The JDK calls it for one event at a time; it asks for the next one unless paused. */
    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder unfinished = new StringBuilder();
        final BlockingQueue<String> records = new LinkedBlockingQueue<>();
        volatile String failure;
        // Guarded by this.
        long pauseAfter = Long.MAX_VALUE;
        boolean stalled;
        private long received;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            unfinished.append(data);
            int end;
            while ((end = unfinished.indexOf(String.valueOf(RS))) >= 0) {
                records.add(unfinished.substring(0, end));
                unfinished.delete(0, end + 1);
                received++;
            }
            synchronized (this) {
                if (received >= pauseAfter) {
                    stalled = true; // resume() asks for the next message
                    return null;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failure = "The server closed the WebSocket: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure = "The WebSocket failed: " + error;
        }
    }
}
