package dev.hubs.bench.load;

import dev.hubs.bench.load.ws.AsciiBuilder;
import dev.hubs.bench.load.ws.HttpConnection;
import dev.hubs.bench.load.ws.WsConnection;
import dev.hubs.bench.load.ws.WsListener;

import java.util.Arrays;

/**
 * A Socket.IO 4 client (Engine.IO protocol 4), as socket.io-client speaks it: the Engine.IO open packet, a CONNECT
 * to the main namespace, events ({@code 42["echo","..."]} with an ack id for the echo, answered by an ACK
 * {@code 43<id>[...]}), pings answered with pongs. Over WebSockets each packet is a frame; over polling a payload
 * carries packets separated by 0x1E.
 */
abstract class SocketIoSession extends WireSession {

    private static final byte RS = 0x1E;
    private static final byte[] RECEIVE = Ascii.bytes("42[\"receive\",\"");

    private boolean connectSent;

    SocketIoSession(Bench bench, Work work, SessionHandler handler) {
        super(bench, work, handler);
    }

    /** Sends one packet. */
    abstract void sendPacket(AsciiBuilder packet);

    /** Ends the transport after a protocol failure. */
    abstract void abortTransport();

    @Override
    public void sendEcho(long id) {
        sendPacket(bench.loop().scratch().append("42").append(id).append("[\"echo\",\"")
                .append(bench.echoPayload()).append("\"]"));
    }

    @Override
    public void sendBroadcast(String payload) {
        sendPacket(bench.loop().scratch().append("42[\"broadcast\",\"").append(payload).append("\"]"));
    }

    /** Handles one Engine.IO packet. */
    void packet(byte[] b, int start, int end, long now) {
        if (end <= start) {
            return;
        }
        switch (b[start]) {
            case '0' -> {
                // Engine.IO open: connect to the main namespace.
                if (!connectSent) {
                    connectSent = true;
                    sendPacket(bench.loop().scratch().append("40"));
                }
            }
            case '2' -> sendPacket(bench.loop().scratch().append("3")); // ping -> pong
            case '4' -> message(b, start, end, now);
            case '1' -> fail("the server closed the session");
            default -> {
                // 3 (pong), 6 (noop): nothing to do
            }
        }
    }

    private void message(byte[] b, int start, int end, long now) {
        if (end - start < 2) {
            return;
        }
        switch (b[start + 1]) {
            case '0' -> ready();
            case '3' -> handler().onEchoReply(this, Ascii.parseLong(b, start + 2, end), now);
            case '2' -> {
                if (Ascii.startsWith(b, start, end, RECEIVE)) {
                    int from = start + RECEIVE.length;
                    int quote = Ascii.indexOf(b, from, end, (byte) '"');
                    handler().onDelivery(this, b, from, quote - from, now);
                }
            }
            case '1' -> fail("the server disconnected the socket");
            case '4' -> fail("connect error: " + Ascii.string(b, start, end));
            default -> {
                // binary events: not used
            }
        }
    }

    void fail(String reason) {
        abortTransport();
        closed(reason);
    }

    /** Over WebSockets, without the polling start (as socket.io-client with transports: ["websocket"]). */
    static final class OverWebSocket extends SocketIoSession implements WsListener {
        private WsConnection ws;

        OverWebSocket(Bench bench, Work work, SessionHandler handler) {
            super(bench, work, handler);
        }

        @Override
        public void start() {
            ws = bench.loop().connect(bench.node().getHost(), bench.node().getPort(),
                    "/socket.io/?EIO=4&transport=websocket", this);
        }

        @Override
        void sendPacket(AsciiBuilder packet) {
            ws.sendText(packet);
        }

        @Override
        void abortTransport() {
            if (ws != null) {
                ws.abort();
            }
        }

        @Override
        public void close() {
            if (ws == null) {
                closed("closed before it was opened");
            } else {
                ws.close();
            }
        }

        @Override
        public void onOpen(WsConnection connection) {
            // the server speaks first (the open packet)
        }

        @Override
        public void onText(WsConnection connection, byte[] b, int offset, int length, long now) {
            packet(b, offset, offset + length, now);
        }

        @Override
        public void onClose(WsConnection connection, String reason, boolean clean) {
            closed(reason);
        }
    }

    /**
     * Over the polling transport (as socket.io-client with transports: ["polling"]): one GET always outstanding on
     * its own connection, POSTs one at a time on a second connection, each carrying whatever queued meanwhile
     * (Engine.IO refuses overlapping POSTs).
     */
    static final class OverPolling extends SocketIoSession {
        private static final byte[] SID = Ascii.bytes("\"sid\":\"");
        private static final String PATH = "/socket.io/?EIO=4&transport=polling";
        private static final String TEXT = "text/plain;charset=UTF-8";
        private String resource;
        private HttpConnection polls;
        private HttpConnection sends;
        private boolean posting;
        private final AsciiBuilder outbox = new AsciiBuilder(256);
        private boolean closeRequested;

        OverPolling(Bench bench, Work work, SessionHandler handler) {
            super(bench, work, handler);
        }

        @Override
        public void start() {
            polls = bench.loop().http(bench.node().getHost(), bench.node().getPort());
            sends = bench.loop().http(bench.node().getHost(), bench.node().getPort());
            polls.send("GET", PATH, null, null, new HttpConnection.ResponseHandler() {
                @Override
                public void onResponse(int status, byte[] body, int offset, int length, long now) {
                    int end = offset + length;
                    int sid = Ascii.indexOf(body, offset, end, SID);
                    if (status != 200 || length == 0 || body[offset] != '0' || sid < 0) {
                        closed("unexpected polling handshake: " + status + " " + Ascii.string(body, offset, end));
                        return;
                    }
                    int from = sid + SID.length;
                    int quote = Ascii.indexOf(body, from, end, (byte) '"');
                    resource = PATH + "&sid=" + Ascii.string(body, from, quote);
                    packet(body, offset, end, now); // answers the open packet with a CONNECT
                    poll();
                }

                @Override
                public void onFailure(String reason) {
                    closed("the polling handshake failed: " + reason);
                }
            });
        }

        private void poll() {
            if (isClosed()) {
                return;
            }
            polls.send("GET", resource, null, null, new HttpConnection.ResponseHandler() {
                @Override
                public void onResponse(int status, byte[] body, int offset, int length, long now) {
                    if (isClosed()) {
                        return;
                    }
                    if (status != 200) {
                        closed(closeRequested ? "closed" : "a poll answered " + status);
                        return;
                    }
                    int end = offset + length;
                    int start = offset;
                    while (start < end && !isClosed()) {
                        int separator = Ascii.indexOf(body, start, end, RS);
                        int packetEnd = separator < 0 ? end : separator;
                        packet(body, start, packetEnd, now);
                        start = packetEnd + 1;
                    }
                    poll();
                }

                @Override
                public void onFailure(String reason) {
                    closed(closeRequested ? "closed" : "a poll failed: " + reason);
                }
            });
        }

        @Override
        void sendPacket(AsciiBuilder packet) {
            if (resource == null || isClosed()) {
                return;
            }
            if (outbox.length() > 0) {
                outbox.append(RS);
            }
            outbox.append(packet.array(), 0, packet.length());
            if (!posting) {
                post();
            }
        }

        private void post() {
            posting = true;
            byte[] body = Arrays.copyOf(outbox.array(), outbox.length());
            outbox.reset();
            sends.send("POST", resource, body, TEXT, new HttpConnection.ResponseHandler() {
                @Override
                public void onResponse(int status, byte[] b, int offset, int length, long now) {
                    posting = false;
                    if (isClosed()) {
                        return;
                    }
                    if (status != 200) {
                        closed(closeRequested ? "closed" : "a send answered " + status);
                    } else if (outbox.length() > 0) {
                        post();
                    }
                }

                @Override
                public void onFailure(String reason) {
                    posting = false;
                    closed(closeRequested ? "closed" : "a send failed: " + reason);
                }
            });
        }

        @Override
        void abortTransport() {
            closeRequested = true;
        }

        @Override
        public void close() {
            closeRequested = true;
            if (resource == null) {
                closed("closed before it was opened");
                return;
            }
            // An Engine.IO close packet; the server then ends the held poll.
            sendPacket(bench.loop().scratch().append("1"));
        }

        @Override
        protected void released() {
            polls.close();
            bench.loop().schedule(1_000_000_000L, sends::close); // let a close packet leave first
        }
    }
}
