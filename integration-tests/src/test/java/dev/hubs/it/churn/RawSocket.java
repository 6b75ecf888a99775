package dev.hubs.it.churn;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket made by hand over a plain TCP socket, for what the JDK's WebSocket cannot do: end the TCP connection
 * without a close frame, either with a FIN ({@link #dropWithFin()}) or a reset ({@link #dropWithReset()}), as a
 * crashed client or a lost network does. It connects without negotiating (SignalR's {@code skipNegotiation}),
 * completes the JSON handshake, and reads what the server sends as records. One thread at a time.
 */
final class RawSocket implements AutoCloseable {

    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Deque<String> records = new ArrayDeque<>();
    private final StringBuilder unfinished = new StringBuilder();

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Upgrades a new TCP connection to a WebSocket of a hub and completes the JSON handshake.
     *
     * @param base the application's URL
     * @param hub  the hub path relative to the context root, query included
     * @return the connected socket
     */
    static RawSocket connect(URL base, String hub) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        RawSocket raw = new RawSocket(socket);
        try {
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            raw.upgrade(base, hub);
            raw.sendText(RawHub.JSON_HANDSHAKE);
            String answer = raw.nextRecord();
            if (!"{}".equals(answer)) {
                throw new IOException("The handshake was answered " + answer);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void upgrade(URL base, String hub) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + base.getPath() + hub + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("The upgrade was answered " + head);
        }
    }

    /** Reads the response head, up to the empty line, and not a byte further (frames may follow at once). */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The server closed the connection during the upgrade: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one text frame, masked as a client must.
     *
     * @param text the frame's text, record separators included
     */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            throw new IllegalArgumentException("Frames this large are not needed here");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /**
     * The next record from the server, Pings included.
     *
     * @return the record without its separator
     */
    String nextRecord() throws IOException {
        while (records.isEmpty()) {
            readFrame();
        }
        return records.poll();
    }

    /**
     * The next hub message other than a Ping.
     *
     * @return the message
     */
    JsonObject nextMessage() throws IOException {
        while (true) {
            String record = nextRecord();
            if (!RawConnection.PING.equals(record)) {
                return RawHub.parse(record);
            }
        }
    }

    private void readFrame() throws IOException {
        int first = readByte();
        int second = readByte();
        int opcode = first & 0x0F;
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            throw new EOFException("The server closed the connection inside a frame");
        }
        if (opcode == CLOSE) {
            throw new EOFException("The server sent a close frame");
        }
        if (opcode == PING) {
            return; // a pong is not owed for the short lives of these sockets
        }
        unfinished.append(new String(payload, StandardCharsets.UTF_8));
        int end;
        while ((end = unfinished.indexOf(String.valueOf(RawConnection.RS))) >= 0) {
            records.add(unfinished.substring(0, end));
            unfinished.delete(0, end + 1);
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("The server closed the connection");
        }
        return b;
    }

    /** Ends the TCP connection with a FIN and no close frame: the server reads the end of the stream. */
    void dropWithFin() throws IOException {
        socket.close();
    }

    /** Ends the TCP connection with a reset and no close frame: the server's next read or write fails. */
    void dropWithReset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
