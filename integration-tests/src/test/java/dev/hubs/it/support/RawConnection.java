package dev.hubs.it.support;

import jakarta.json.JsonObject;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket to a hub, driven byte by byte: the test writes text frames itself and reads what the server sent as
 * whole WebSocket messages or as records (the text between 0x1E record separators).
 *
 * <p>The official clients require every WebSocket message from the server to end with a record separator (a record
 * never spans two messages); a message that does not fails the next read.
 */
public final class RawConnection implements AutoCloseable {

    /** The record separator that ends every JSON record of the protocol. */
    public static final char RS = '\u001e';

    /** The Ping message record, as the server sends it. */
    public static final String PING = "{\"type\":6}";

    /**
     * How the WebSocket ended.
     *
     * @param statusCode the close code the server sent; 1006 when the JDK saw the connection end without a close
     *                   frame; -1 when the socket failed instead
     * @param reason     the close reason, or {@code null} when the socket failed
     * @param error      the failure, or {@code null} when the JDK reported a close
     */
    public record Closed(int statusCode, String reason, Throwable error) {

        /** 1006: never sent in a frame, it stands for a connection that ended without a close frame (RFC 6455). */
        public static final int ABNORMAL_CLOSURE = 1006;

        /** @return whether the server ended the socket with a close frame (rather than dropping it) */
        public boolean byCloseFrame() {
            return error == null && statusCode != ABNORMAL_CLOSURE;
        }
    }

    private final WebSocket webSocket;
    private final Listener listener;

    RawConnection(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    /**
     * Sends one complete WebSocket text message.
     *
     * @param text the message, record separators included
     */
    public void send(String text) {
        try {
            webSocket.sendText(text, true).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Sending " + printable(text) + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Sending " + printable(text) + " took longer than " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a WebSocket close frame (the socket's end, not the hub protocol's Close message) and returns at once;
     * {@link #awaitClosed()} then tells how the server answered. When the server's close frame came first, the JDK
     * has already answered it and there is nothing left to send: that is not an error.
     *
     * @param statusCode the close code
     */
    public void sendCloseFrame(int statusCode) {
        try {
            webSocket.sendClose(statusCode, "").get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (listener.closed.isDone() && webSocket.isOutputClosed()) {
                return;
            }
            throw new AssertionError("Sending the close frame failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Sending the close frame took longer than " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next whole WebSocket text message from the server.
     *
     * @return the message, record separators included
     */
    public String nextWebSocketMessage() {
        return checked(Await.next(listener.messages, "a WebSocket message" + closedNote()));
    }

    /**
     * The next record from the server, Pings included.
     *
     * @return the record without its separator
     */
    public String nextRecord() {
        return checked(Await.next(listener.records, "a record" + closedNote()));
    }

    /**
     * The next hub message other than a Ping (the server may ping at any time).
     *
     * @return the message as JSON
     */
    public JsonObject nextMessage() {
        while (true) {
            String record = nextRecord();
            if (!PING.equals(record)) {
                return RawHub.parse(record);
            }
        }
    }

    /**
     * Waits for the server to end the WebSocket.
     *
     * @return how it ended
     */
    public Closed awaitClosed() {
        try {
            return listener.closed.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The server did not close the WebSocket within " + Await.TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The records received and not read yet, after the socket ended.
     *
     * @return whether any record is left
     */
    public boolean hasUnreadRecords() {
        return !listener.records.isEmpty();
    }

    /**
     * Drops the connection without a close frame, as a client that crashed or lost its network: the server sees the
     * TCP connection end.
     */
    public void abort() {
        webSocket.abort();
    }

    /** Ends the WebSocket from this side unless the server already did: a close frame, then the socket. */
    @Override
    public void close() {
        try {
            if (!listener.closed.isDone() && !webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                listener.closed.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // The server went away first, or never answered the close: the abort below ends the socket either way.
        } finally {
            webSocket.abort();
        }
    }

    private String checked(String received) {
        String violation = listener.violation;
        if (violation != null) {
            throw new AssertionError(violation);
        }
        return received;
    }

    private String closedNote() {
        CompletableFuture<Closed> closed = listener.closed;
        return closed.isDone() ? " (the WebSocket has ended: " + closed.join() + ")" : "";
    }

    static String printable(String text) {
        return text.replace(String.valueOf(RS), "<RS>");
    }

    /** Collects what the server sends. The JDK calls it for one event at a time. */
    static final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();
        private final StringBuilder unfinishedRecord = new StringBuilder();
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> records = new LinkedBlockingQueue<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        volatile String violation;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String whole = message.toString();
                message.setLength(0);
                if (!whole.endsWith(String.valueOf(RS)) && violation == null) {
                    violation = "The server sent a WebSocket message that does not end with a record separator "
                            + "(the official clients reject it): " + printable(whole);
                }
                unfinishedRecord.append(whole);
                int end;
                while ((end = unfinishedRecord.indexOf(String.valueOf(RS))) >= 0) {
                    records.add(unfinishedRecord.substring(0, end));
                    unfinishedRecord.delete(0, end + 1);
                }
                messages.add(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (violation == null) {
                violation = "The server sent a binary WebSocket message to a JSON connection";
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, null, error));
        }
    }
}
