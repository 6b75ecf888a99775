package dev.hubs.bench.load.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket (RFC 6455) over a non-blocking socket: the upgrade request, masked frames out, frames in
 * (text, fragments, ping, close). Text only; no extensions. Driven by its {@link EventLoop}; loop thread only.
 */
public final class WsConnection extends LoopChannel {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;

    private enum State { CONNECTING, UPGRADING, OPEN, CLOSING, CLOSED }

    private final String path;
    private final WsListener listener;

    private State state = State.CONNECTING;
    private String expectedAccept;
    private byte[] fragments;
    private int fragmentsLength;
    private boolean inFragmentedText;
    private int maskSeed = ThreadLocalRandom.current().nextInt() | 1;
    private Object attachment;

    WsConnection(EventLoop loop, String host, int port, String path, WsListener listener) {
        super(loop, host, port);
        this.path = path;
        this.listener = listener;
    }

    void start() {
        openSocket();
    }

    /**
     * Whether the upgrade is done and the connection not closing.
     *
     * @return whether text can be sent
     */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /**
     * Whether the connection has ended.
     *
     * @return whether it is closed
     */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * The owner's object for this connection.
     *
     * @return the attachment
     */
    public Object attachment() {
        return attachment;
    }

    /**
     * Sets the owner's object for this connection.
     *
     * @param value the attachment
     */
    public void attach(Object value) {
        this.attachment = value;
    }

    /**
     * Sends a text message (one frame); it leaves at the end of the loop's turn, with whatever else was sent on this
     * connection meanwhile.
     *
     * @param bytes  UTF-8 (here: ASCII) text
     * @param offset where it starts
     * @param length how long it is
     */
    public void sendText(byte[] bytes, int offset, int length) {
        if (state != State.OPEN) {
            return;
        }
        frame(0x1, bytes, offset, length);
    }

    /**
     * Sends a text message built in a builder.
     *
     * @param text the text
     */
    public void sendText(AsciiBuilder text) {
        sendText(text.array(), 0, text.length());
    }

    /**
     * Sends a text message.
     *
     * @param text ASCII text
     */
    public void sendText(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sendText(bytes, 0, bytes.length);
    }

    /**
     * Starts the closing handshake (close frame 1000); the socket is closed when the server answers, or at once if
     * the connection is not open.
     */
    public void close() {
        if (state == State.OPEN) {
            byte[] code = {0x03, (byte) 0xE8};
            frame(0x8, code, 0, 2);
            state = State.CLOSING;
            // A server that never answers the close frame does not keep the socket: end it after 5 s.
            loop.schedule(5_000_000_000L, () -> terminate("no close frame from the server within 5 s", true));
        } else if (state != State.CLOSING) {
            terminate("closed by the client", true);
        }
    }

    /** Closes the socket without a closing handshake. */
    public void abort() {
        terminate("aborted by the client", true);
    }

    // ---------------------------------------------------------------- loop callbacks

    @Override
    protected void onConnected() {
        state = State.UPGRADING;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key64 = Base64.getEncoder().encodeToString(nonce);
        expectedAccept = accept(key64);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key64 + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        output(request.length()).put(request.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    protected int onBytes(byte[] b, int offset, int length) throws IOException {
        return process(b, offset, length);
    }

    @Override
    protected void onEndOfStream() {
        terminate(state == State.CLOSING ? "closed" : "the server closed the connection", state == State.CLOSING);
    }

    @Override
    protected void onFailure(Throwable error) {
        terminate(error.getClass().getSimpleName() + ": " + error.getMessage(), false);
    }

    /** Consumes what it can of the bytes; returns how many. */
    private int process(byte[] b, int offset, int length) throws IOException {
        int pos = offset;
        int end = offset + length;
        if (state == State.UPGRADING) {
            int headersEnd = indexOfHeadersEnd(b, pos, end);
            if (headersEnd < 0) {
                if (length > MAX_HEADERS) {
                    throw new IOException("upgrade response too large");
                }
                return 0;
            }
            upgraded(new String(b, pos, headersEnd - pos, StandardCharsets.ISO_8859_1));
            pos = headersEnd + 4;
            if (state != State.OPEN) {
                return pos - offset;
            }
        }
        while (end - pos >= 2 && state != State.CLOSED) {
            int b0 = b[pos] & 0xFF;
            int b1 = b[pos + 1] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            boolean masked = (b1 & 0x80) != 0;
            long payload = b1 & 0x7F;
            int header = 2;
            if (payload == 126) {
                if (end - pos < 4) {
                    break;
                }
                payload = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
                header = 4;
            } else if (payload == 127) {
                if (end - pos < 10) {
                    break;
                }
                payload = 0;
                for (int i = 2; i < 10; i++) {
                    payload = (payload << 8) | (b[pos + i] & 0xFF);
                }
                header = 10;
            }
            if (masked) {
                throw new IOException("the server sent a masked frame");
            }
            if (payload > MAX_MESSAGE) {
                throw new IOException("frame of " + payload + " bytes");
            }
            if (end - pos < header + payload) {
                break;
            }
            frameReceived(fin, opcode, b, pos + header, (int) payload);
            pos += header + (int) payload;
        }
        return pos - offset;
    }

    private void frameReceived(boolean fin, int opcode, byte[] b, int offset, int length) throws IOException {
        switch (opcode) {
            case 0x1 -> {
                if (fin) {
                    listener.onText(this, b, offset, length, loop.now());
                } else {
                    inFragmentedText = true;
                    fragmentsLength = 0;
                    appendFragment(b, offset, length);
                }
            }
            case 0x0 -> {
                if (!inFragmentedText) {
                    return; // a continuation of a binary message: ignored like the message
                }
                appendFragment(b, offset, length);
                if (fin) {
                    inFragmentedText = false;
                    listener.onText(this, fragments, 0, fragmentsLength, loop.now());
                    if (fragments.length > 64 * 1024) {
                        fragments = null;
                    }
                }
            }
            case 0x8 -> {
                if (state == State.OPEN) {
                    frame(0x8, b, offset, Math.min(length, 2));
                    flushNow();
                }
                String reason = length > 2 ? new String(b, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
                int code = length >= 2 ? ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF) : 1005;
                terminate("close " + code + (reason.isEmpty() ? "" : " " + reason),
                        code == 1000 || state == State.CLOSING);
            }
            case 0x9 -> {
                if (state == State.OPEN) {
                    frame(0xA, b, offset, length);
                }
            }
            default -> {
                // pong, binary: nothing to do
            }
        }
    }

    private void appendFragment(byte[] b, int offset, int length) throws IOException {
        if (fragmentsLength + length > MAX_MESSAGE) {
            throw new IOException("message too large");
        }
        if (fragments == null || fragmentsLength + length > fragments.length) {
            fragments = Arrays.copyOf(fragments == null ? new byte[0] : fragments,
                    Math.max(fragmentsLength + length, fragments == null ? 1024 : fragments.length * 2));
        }
        System.arraycopy(b, offset, fragments, fragmentsLength, length);
        fragmentsLength += length;
    }

    private void upgraded(String headers) throws IOException {
        String[] lines = headers.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + (lines.length == 0 ? "" : lines[0]));
        }
        String accept = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = line.substring(colon + 1).trim();
            }
        }
        if (!expectedAccept.equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept");
        }
        state = State.OPEN;
        listener.onOpen(this);
    }

    private static int indexOfHeadersEnd(byte[] b, int from, int end) {
        for (int i = from; i + 3 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- writing

    private void frame(int opcode, byte[] payload, int offset, int length) {
        ByteBuffer buffer = output(length + 14);
        buffer.put((byte) (0x80 | opcode));
        if (length < 126) {
            buffer.put((byte) (0x80 | length));
        } else if (length < 65536) {
            buffer.put((byte) (0x80 | 126));
            buffer.putShort((short) length);
        } else {
            buffer.put((byte) (0x80 | 127));
            buffer.putLong(length);
        }
        // xorshift: a fresh mask per frame, as RFC 6455 asks, without SecureRandom's cost.
        int mask = maskSeed;
        mask ^= mask << 13;
        mask ^= mask >>> 17;
        mask ^= mask << 5;
        maskSeed = mask;
        buffer.putInt(mask);
        byte m0 = (byte) (mask >>> 24);
        byte m1 = (byte) (mask >>> 16);
        byte m2 = (byte) (mask >>> 8);
        byte m3 = (byte) mask;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            buffer.put((byte) (payload[offset + i] ^ m0));
            buffer.put((byte) (payload[offset + i + 1] ^ m1));
            buffer.put((byte) (payload[offset + i + 2] ^ m2));
            buffer.put((byte) (payload[offset + i + 3] ^ m3));
        }
        for (; i < length; i++) {
            byte m = switch (i & 3) {
                case 0 -> m0;
                case 1 -> m1;
                case 2 -> m2;
                default -> m3;
            };
            buffer.put((byte) (payload[offset + i] ^ m));
        }
    }

    private void terminate(String reason, boolean clean) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeSocket();
        fragments = null;
        listener.onClose(this, reason, clean);
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(
                    sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
