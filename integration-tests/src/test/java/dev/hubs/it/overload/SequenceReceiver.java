package dev.hubs.it.overload;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.RawConnection.RS;

/**
 * One receiver of {@code SequenceHub}'s numbered items, over a raw WebSocket: a healthy one reads everything and
 * checks that the sequence numbers arrive one after the other with none missing; a stalled one completes the
 * handshake and then never reads again (the JDK's WebSocket reads from the socket only while the listener has asked
 * for more), so TCP back-pressure stalls the server's writes to it.
 *
 * <p>Cheap enough for a thousand at once in one JVM: only the first characters of each record are kept, the rest
 * is scanned for the record separator and dropped.
 */
final class SequenceReceiver implements WebSocket.Listener {

    /** What a chunk of the broadcast waits for: every healthy receiver has seen sequence number {@code target - 1}. */
    static final class Progress {
        private volatile long target;
        private volatile CountDownLatch reached = new CountDownLatch(0);

        /** Sets the next goal, before the messages that reach it are sent. */
        void expect(long nextTarget, int receivers) {
            reached = new CountDownLatch(receivers);
            target = nextTarget;
        }

        boolean await(long millis) throws InterruptedException {
            return reached.await(millis, TimeUnit.MILLISECONDS);
        }

        long remaining() {
            return reached.getCount();
        }
    }

    private static final String ARGUMENTS = "\"arguments\":[";
    private static final int HEAD = 96;

    private final boolean stalled;
    private final Progress progress;
    private final StringBuilder head = new StringBuilder(HEAD);
    private final CompletableFuture<String> handshake = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private String connectionId;
    private WebSocket webSocket;
    // written by the listener's callbacks, which the JDK runs one at a time per WebSocket
    private volatile long next;
    private volatile String violation;

    private SequenceReceiver(boolean stalled, Progress progress) {
        this.stalled = stalled;
        this.progress = progress;
    }

    /**
     * Negotiates, opens the WebSocket and completes the handshake.
     *
     * @param hub      the hub
     * @param client   the HTTP client whose WebSockets these are
     * @param stalled  whether it stops reading after the handshake
     * @param progress the goal of the healthy receivers
     * @return the receiver, connected
     */
    static SequenceReceiver connect(RawHub hub, HttpClient client, boolean stalled, Progress progress) {
        SequenceReceiver receiver = new SequenceReceiver(stalled, progress);
        JsonObject negotiation = hub.negotiateV1();
        receiver.connectionId = negotiation.getString("connectionId");
        URI uri = hub.webSocketUri(negotiation.getString("connectionToken"));
        try {
            receiver.webSocket = client.newWebSocketBuilder().connectTimeout(Await.TIMEOUT).buildAsync(uri, receiver)
                    .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            receiver.webSocket.sendText(RawHub.JSON_HANDSHAKE, true)
                    .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String reply = receiver.handshake.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!"{}".equals(reply)) {
                receiver.webSocket.abort();
                throw new AssertionError("Handshake answered " + reply);
            }
            return receiver;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("A receiver could not connect", e);
        }
    }

    /** @return the public connection id, as the server logs it */
    String connectionId() {
        return connectionId;
    }

    /** @return whether it stopped reading after the handshake */
    boolean stalled() {
        return stalled;
    }

    /** @return the sequence number it expects next: how many items it received in order */
    long next() {
        return next;
    }

    /** @return the first thing that was wrong (a gap, a repetition, an unexpected record), or {@code null} */
    String violation() {
        return violation;
    }

    /** Drops the connection. */
    void abort() {
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        for (int i = 0, n = data.length(); i < n; i++) {
            char c = data.charAt(i);
            if (c == RS) {
                record(head.toString());
                head.setLength(0);
            } else if (head.length() < HEAD) {
                head.append(c);
            }
        }
        if (!stalled || !handshake.isDone()) {
            webSocket.request(1);
        }
        // A stalled receiver asks for nothing more once its handshake is done: the socket is not read again.
        return null;
    }

    private void record(String record) {
        if (!handshake.isDone()) {
            handshake.complete(record);
            return;
        }
        if (record.equals("{\"type\":6}")) {
            return; // the server's keep-alive
        }
        int arguments = record.indexOf(ARGUMENTS);
        int comma = arguments < 0 ? -1 : record.indexOf(',', arguments);
        if (!record.startsWith("{\"type\":1,") || comma < 0) {
            violated("an unexpected record: " + record);
            return;
        }
        long sequence = Long.parseLong(record.substring(arguments + ARGUMENTS.length(), comma));
        long expected = next;
        if (sequence != expected) {
            violated("item " + sequence + " arrived when " + expected + " was expected");
        }
        next = sequence + 1;
        if (next == progress.target) {
            progress.reached.countDown();
        }
    }

    private void violated(String what) {
        if (violation == null) {
            violation = what;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete("closed by the server: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        handshake.completeExceptionally(error);
        closed.complete("failed: " + error);
    }
}
