package dev.hubs.bench.load.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * A persistent HTTP/1.1 client connection on the {@link EventLoop}, for long polling: one request at a time, the
 * next queued until the answer came; responses with Content-Length, chunked, or delimited by the end of the
 * connection. When the server closes an idle connection, the next request opens a new one. Loop thread only.
 *
 * <p>The load generator uses it where the cost per request matters (the long-polling scenarios): java.net.http
 * spends more CPU per request than the servers do, and would measure itself.
 */
public final class HttpConnection extends LoopChannel {

    private static final int MAX_HEADERS = 16 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** Told about the outcome of one request, on the loop thread. */
    public interface ResponseHandler {
        /**
         * The response arrived. The body bytes are only valid during the call.
         *
         * @param status the status code
         * @param body   holds the body
         * @param offset where it starts
         * @param length its length
         * @param now    {@link System#nanoTime()} of the read that completed it
         */
        void onResponse(int status, byte[] body, int offset, int length, long now);

        /**
         * The request failed (the connection broke before the response was complete).
         *
         * @param reason what happened
         */
        void onFailure(String reason);
    }

    private record Request(String method, String target, byte[] body, String contentType, ResponseHandler handler) {
    }

    private enum Phase { HEADERS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_TRAILER, BODY_TO_END }

    private final ArrayDeque<Request> queued = new ArrayDeque<>();
    private Request current;
    private boolean connected;
    private Phase phase = Phase.HEADERS;
    private int status;
    private long remaining;
    private boolean closeAfter;
    private byte[] body = new byte[0];
    private int bodyLength;
    private boolean closed;

    HttpConnection(EventLoop loop, String host, int port) {
        super(loop, host, port);
    }

    /**
     * Sends a request, at once or after the one in flight.
     *
     * @param method      GET, POST, DELETE ...
     * @param target      the path and query
     * @param requestBody the body, or {@code null}
     * @param contentType the body's type, or {@code null}
     * @param handler     told about the response
     */
    public void send(String method, String target, byte[] requestBody, String contentType, ResponseHandler handler) {
        if (closed) {
            handler.onFailure("the connection was closed by the client");
            return;
        }
        queued.add(new Request(method, target, requestBody, contentType, handler));
        next();
    }

    /** Closes the connection; a request in flight fails. */
    public void close() {
        closed = true;
        closeSocket();
        failAll("the connection was closed by the client");
    }

    private void next() {
        if (current != null || queued.isEmpty()) {
            return;
        }
        if (!socketOpen()) {
            connected = false;
            openSocket();
            if (!socketOpen()) {
                return;
            }
        }
        if (!connected) {
            return; // onConnected writes it
        }
        current = queued.poll();
        phase = Phase.HEADERS;
        closeAfter = false;
        bodyLength = 0;
        StringBuilder head = new StringBuilder(128);
        head.append(current.method()).append(' ').append(current.target()).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        int length = current.body() == null ? 0 : current.body().length;
        if (length > 0 || !current.method().equals("GET")) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        if (current.contentType() != null) {
            head.append("Content-Type: ").append(current.contentType()).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = output(headBytes.length + length);
        out.put(headBytes);
        if (length > 0) {
            out.put(current.body());
        }
    }

    @Override
    protected void onConnected() {
        connected = true;
        next();
    }

    @Override
    protected int onBytes(byte[] b, int offset, int length) throws IOException {
        int pos = offset;
        int end = offset + length;
        while (current != null && pos <= end) {
            switch (phase) {
                case HEADERS -> {
                    int headersEnd = indexOfHeadersEnd(b, pos, end);
                    if (headersEnd < 0) {
                        if (end - pos > MAX_HEADERS) {
                            throw new IOException("response headers too large");
                        }
                        return pos - offset;
                    }
                    headers(new String(b, pos, headersEnd - pos, StandardCharsets.ISO_8859_1));
                    pos = headersEnd + 4;
                }
                case BODY_LENGTH -> {
                    int n = (int) Math.min(remaining, end - pos);
                    append(b, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining > 0) {
                        return pos - offset;
                    }
                    complete();
                }
                case CHUNK_SIZE -> {
                    int lineEnd = indexOfLineEnd(b, pos, end);
                    if (lineEnd < 0) {
                        return pos - offset;
                    }
                    String size = new String(b, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).trim();
                    int semicolon = size.indexOf(';');
                    remaining = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                    pos = lineEnd + 2;
                    phase = remaining == 0 ? Phase.CHUNK_TRAILER : Phase.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    if (end - pos < remaining + 2) {
                        return pos - offset;
                    }
                    append(b, pos, (int) remaining);
                    pos += (int) remaining + 2;
                    phase = Phase.CHUNK_SIZE;
                }
                case CHUNK_TRAILER -> {
                    int lineEnd = indexOfLineEnd(b, pos, end);
                    if (lineEnd < 0) {
                        return pos - offset;
                    }
                    boolean last = lineEnd == pos; // an empty line ends the trailer fields, which are dropped
                    pos = lineEnd + 2;
                    if (last) {
                        complete();
                    }
                }
                case BODY_TO_END -> {
                    append(b, pos, end - pos);
                    return length;
                }
                default -> throw new IllegalStateException();
            }
            if (pos == end) {
                break;
            }
        }
        // Bytes with no request waiting for them are not an answer to anything: dropped.
        return current == null ? length : pos - offset;
    }

    private void headers(String text) throws IOException {
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + lines[0]);
        }
        status = Integer.parseInt(statusLine[1]);
        long contentLength = -1;
        boolean chunked = false;
        closeAfter = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.contains("close")) {
                        closeAfter = true;
                    } else if (v.contains("keep-alive")) {
                        closeAfter = false;
                    }
                }
                default -> {
                    // not needed
                }
            }
        }
        bodyLength = 0;
        boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200)
                || current.method().equals("HEAD");
        if (noBody || contentLength == 0) {
            complete();
        } else if (chunked) {
            phase = Phase.CHUNK_SIZE;
        } else if (contentLength > 0) {
            if (contentLength > MAX_BODY) {
                throw new IOException("response body of " + contentLength + " bytes");
            }
            remaining = contentLength;
            phase = Phase.BODY_LENGTH;
        } else {
            closeAfter = true;
            phase = Phase.BODY_TO_END;
        }
    }

    private void append(byte[] b, int offset, int n) throws IOException {
        if (bodyLength + n > MAX_BODY) {
            throw new IOException("response body too large");
        }
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        }
        System.arraycopy(b, offset, body, bodyLength, n);
        bodyLength += n;
    }

    private void complete() {
        Request done = current;
        current = null;
        phase = Phase.HEADERS;
        if (closeAfter) {
            closeSocket();
        }
        done.handler().onResponse(status, body, 0, bodyLength, loop.now());
        if (body.length > 64 * 1024) {
            body = new byte[0];
        }
        if (!closed) {
            next();
        }
    }

    @Override
    protected void onEndOfStream() {
        if (current != null && phase == Phase.BODY_TO_END) {
            complete();
            return;
        }
        connected = false;
        if (current != null) {
            Request failed = current;
            current = null;
            failed.handler().onFailure("the server closed the connection during a request");
        }
        if (!queued.isEmpty() && !closed) {
            next(); // reconnect for what waits
        }
    }

    @Override
    protected void onFailure(Throwable error) {
        connected = false;
        failAll(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private void failAll(String reason) {
        Request failed = current;
        current = null;
        if (failed != null) {
            failed.handler().onFailure(reason);
        }
        Request waiting;
        while ((waiting = queued.poll()) != null) {
            waiting.handler().onFailure(reason);
        }
    }

    private static int indexOfHeadersEnd(byte[] b, int from, int end) {
        for (int i = from; i + 3 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLineEnd(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
