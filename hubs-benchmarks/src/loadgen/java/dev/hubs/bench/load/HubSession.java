package dev.hubs.bench.load;

import dev.hubs.bench.load.ws.AsciiBuilder;
import dev.hubs.bench.load.ws.HttpConnection;
import dev.hubs.bench.load.ws.WsConnection;
import dev.hubs.bench.load.ws.WsListener;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A SignalR client of the hubs, speaking the JSON hub protocol as the official clients do: negotiate (version 1),
 * then the transport with the connection token, the handshake, invocations with ids for the echo (answered by a
 * Completion) and without for the broadcast, Ping records to keep alive. Records end with 0x1E; a frame or a poll
 * response may carry several.
 */
abstract class HubSession extends WireSession {

    static final byte RS = 0x1E;
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";
    private static final String PING = "{\"type\":6}\u001e";
    private static final byte[] TYPE = Ascii.bytes("\"type\":");
    private static final byte[] INVOCATION_ID = Ascii.bytes("\"invocationId\":\"");
    private static final byte[] ARGUMENTS = Ascii.bytes("\"arguments\":[\"");
    private static final byte[] ERROR = Ascii.bytes("\"error\"");

    private boolean handshaken;

    HubSession(Bench bench, Work work, SessionHandler handler) {
        super(bench, work, handler);
    }

    /** The invocation record of an echo call. */
    static void echoRecord(AsciiBuilder out, long id, String payload) {
        out.append("{\"type\":1,\"invocationId\":\"").append(id)
                .append("\",\"target\":\"echo\",\"arguments\":[\"").append(payload).append("\"]}").append(RS);
    }

    /** The invocation record of a broadcast (no id: no completion wanted). */
    static void broadcastRecord(AsciiBuilder out, String payload) {
        out.append("{\"type\":1,\"target\":\"broadcast\",\"arguments\":[\"").append(payload).append("\"]}")
                .append(RS);
    }

    String hubPath() {
        return work == Work.ECHO ? "/hubs/echo" : "/hubs/broadcast";
    }

    /** Sends one or more complete records. */
    abstract void sendRecords(AsciiBuilder records);

    /** Ends the transport after a protocol failure. */
    abstract void abortTransport();

    @Override
    public void sendEcho(long id) {
        AsciiBuilder out = bench.loop().scratch();
        echoRecord(out, id, bench.echoPayload());
        sendRecords(out);
    }

    @Override
    public void sendBroadcast(String payload) {
        AsciiBuilder out = bench.loop().scratch();
        broadcastRecord(out, payload);
        sendRecords(out);
    }

    @Override
    public void keepAlive() {
        if (isReady()) {
            sendRecords(bench.loop().scratch().append(PING));
        }
    }

    void sendHandshake() {
        sendRecords(bench.loop().scratch().append(HANDSHAKE));
    }

    /** Reads every record in the text; a trailing partial record is not expected from the server. */
    void records(byte[] b, int offset, int length, long now) {
        int end = offset + length;
        int start = offset;
        while (start < end && !isClosed()) {
            int separator = Ascii.indexOf(b, start, end, RS);
            if (separator < 0) {
                fail("a record without its separator: " + Ascii.string(b, start, end));
                return;
            }
            record(b, start, separator, now);
            start = separator + 1;
        }
    }

    private void record(byte[] b, int start, int end, long now) {
        if (!handshaken) {
            handshaken = true;
            if (Ascii.indexOf(b, start, end, ERROR) >= 0) {
                fail("handshake refused: " + Ascii.string(b, start, end));
            } else {
                ready();
            }
            return;
        }
        int type = Ascii.indexOf(b, start, end, TYPE);
        if (type < 0) {
            fail("a record without type: " + Ascii.string(b, start, end));
            return;
        }
        switch (b[type + TYPE.length]) {
            case '3' -> {
                if (Ascii.indexOf(b, start, end, ERROR) >= 0) {
                    fail("the hub answered with an error: " + Ascii.string(b, start, end));
                    return;
                }
                int id = Ascii.indexOf(b, start, end, INVOCATION_ID);
                handler().onEchoReply(this, Ascii.parseLong(b, id + INVOCATION_ID.length, end), now);
            }
            case '1' -> {
                int arguments = Ascii.indexOf(b, start, end, ARGUMENTS);
                int from = arguments + ARGUMENTS.length;
                int quote = Ascii.indexOf(b, from, end, (byte) '"');
                handler().onDelivery(this, b, from, quote - from, now);
            }
            case '6' -> {
                // the server's keep-alive
            }
            case '7' -> fail("the server closed the connection: " + Ascii.string(b, start, end));
            default -> {
                // nothing else is expected; ignored like the official clients ignore unknown types
            }
        }
    }

    private void fail(String reason) {
        abortTransport();
        closed(reason);
    }

    /** Over WebSockets. */
    static final class OverWebSocket extends HubSession implements WsListener {
        private WsConnection ws;
        private boolean closeRequested;

        OverWebSocket(Bench bench, Work work, SessionHandler handler) {
            super(bench, work, handler);
        }

        @Override
        public void start() {
            bench.negotiate(hubPath(), token -> {
                if (closeRequested) {
                    closed("closed before it was opened");
                } else {
                    ws = bench.loop().connect(bench.liberty().getHost(), bench.liberty().getPort(),
                            hubPath() + "?id=" + URLEncoder.encode(token, StandardCharsets.UTF_8), this);
                }
            }, this::closed);
        }

        @Override
        void sendRecords(AsciiBuilder records) {
            ws.sendText(records);
        }

        @Override
        void abortTransport() {
            if (ws != null) {
                ws.abort();
            }
        }

        @Override
        public void close() {
            closeRequested = true;
            if (ws != null) {
                ws.close();
            }
        }

        @Override
        public void onOpen(WsConnection connection) {
            sendHandshake();
        }

        @Override
        public void onText(WsConnection connection, byte[] b, int offset, int length, long now) {
            records(b, offset, length, now);
        }

        @Override
        public void onClose(WsConnection connection, String reason, boolean clean) {
            closed(reason);
        }
    }

    /**
     * Over long polling: one poll always outstanding on its own connection; sends are POSTs on a second connection,
     * one at a time, with whatever queued meanwhile in the next one (as the official clients do).
     */
    static final class OverLongPolling extends HubSession {
        private static final String TEXT = "text/plain;charset=UTF-8";
        private String resource;
        private HttpConnection polls;
        private HttpConnection sends;
        private boolean posting;
        private final AsciiBuilder outbox = new AsciiBuilder(256);
        private boolean closeRequested;

        OverLongPolling(Bench bench, Work work, SessionHandler handler) {
            super(bench, work, handler);
        }

        @Override
        public void start() {
            bench.negotiate(hubPath(), token -> {
                if (closeRequested) {
                    closed("closed before it was opened");
                    return;
                }
                resource = hubPath() + "?id=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
                polls = bench.loop().http(bench.liberty().getHost(), bench.liberty().getPort());
                sends = bench.loop().http(bench.liberty().getHost(), bench.liberty().getPort());
                // The first poll is answered at once and establishes the transport; then the handshake.
                polls.send("GET", resource, null, null, new HttpConnection.ResponseHandler() {
                    @Override
                    public void onResponse(int status, byte[] body, int offset, int length, long now) {
                        if (status != 200) {
                            closed("the first poll answered " + status);
                            return;
                        }
                        sendHandshake();
                        poll();
                    }

                    @Override
                    public void onFailure(String reason) {
                        closed("the first poll failed: " + reason);
                    }
                });
            }, this::closed);
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
                    if (status == 204) {
                        closed(closeRequested ? "closed" : "the server ended the connection (204)");
                    } else if (status != 200) {
                        closed("a poll answered " + status);
                    } else {
                        if (length > 0) {
                            records(body, offset, length, now);
                        }
                        poll();
                    }
                }

                @Override
                public void onFailure(String reason) {
                    closed("a poll failed: " + reason);
                }
            });
        }

        @Override
        void sendRecords(AsciiBuilder records) {
            if (resource == null || isClosed()) {
                return;
            }
            outbox.append(records.array(), 0, records.length());
            if (!posting) {
                post();
            }
        }

        private void post() {
            posting = true;
            byte[] body = java.util.Arrays.copyOf(outbox.array(), outbox.length());
            outbox.reset();
            sends.send("POST", resource, body, TEXT, new HttpConnection.ResponseHandler() {
                @Override
                public void onResponse(int status, byte[] b, int offset, int length, long now) {
                    posting = false;
                    if (isClosed()) {
                        return;
                    }
                    if (status != 200) {
                        closed("a send answered " + status);
                    } else if (outbox.length() > 0) {
                        post();
                    }
                }

                @Override
                public void onFailure(String reason) {
                    posting = false;
                    closed("a send failed: " + reason);
                }
            });
        }

        @Override
        void abortTransport() {
            delete();
        }

        @Override
        public void close() {
            closeRequested = true;
            if (resource == null) {
                return; // start() closes it when negotiate answers
            }
            delete(); // the held poll is then answered with 204, which ends the session (see poll())
        }

        private void delete() {
            if (sends != null && !isClosed()) {
                sends.send("DELETE", resource, null, null, new HttpConnection.ResponseHandler() {
                    @Override
                    public void onResponse(int status, byte[] body, int offset, int length, long now) {
                    }

                    @Override
                    public void onFailure(String reason) {
                    }
                });
            }
        }

        @Override
        protected void released() {
            if (polls != null) {
                polls.close();
            }
            if (sends != null) {
                bench.loop().schedule(1_000_000_000L, sends::close); // let a DELETE leave first
            }
        }
    }
}
