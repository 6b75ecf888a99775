package dev.hubs.bench.load;

import dev.hubs.bench.load.ws.AsciiBuilder;
import dev.hubs.bench.load.ws.WsConnection;
import dev.hubs.bench.load.ws.WsListener;

/**
 * A client of the raw WebSocket endpoints. It sends exactly the text a hub client sends for the same work (a
 * SignalR invocation record), which the raw endpoints send back or on as they got it, so raw and hub runs move the
 * same bytes and the difference is the framework's work.
 */
final class RawSession extends WireSession implements WsListener {

    private static final byte[] INVOCATION_ID = Ascii.bytes("\"invocationId\":\"");
    private static final byte[] ARGUMENTS = Ascii.bytes("\"arguments\":[\"");

    private WsConnection ws;

    RawSession(Bench bench, Work work, SessionHandler handler) {
        super(bench, work, handler);
    }

    @Override
    public void start() {
        ws = bench.loop().connect(bench.liberty().getHost(), bench.liberty().getPort(),
                work == Work.ECHO ? "/raw/echo" : "/raw/broadcast", this);
    }

    @Override
    public void sendEcho(long id) {
        AsciiBuilder text = bench.loop().scratch();
        HubSession.echoRecord(text, id, bench.echoPayload());
        ws.sendText(text);
    }

    @Override
    public void sendBroadcast(String payload) {
        AsciiBuilder text = bench.loop().scratch();
        HubSession.broadcastRecord(text, payload);
        ws.sendText(text);
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
        ready();
    }

    @Override
    public void onText(WsConnection connection, byte[] b, int offset, int length, long now) {
        int end = offset + length;
        int id = Ascii.indexOf(b, offset, end, INVOCATION_ID);
        if (id >= 0) {
            handler().onEchoReply(this, Ascii.parseLong(b, id + INVOCATION_ID.length, end), now);
            return;
        }
        int arguments = Ascii.indexOf(b, offset, end, ARGUMENTS);
        if (arguments >= 0) {
            int start = arguments + ARGUMENTS.length;
            int quote = Ascii.indexOf(b, start, end, (byte) '"');
            handler().onDelivery(this, b, start, quote - start, now);
        }
    }

    @Override
    public void onClose(WsConnection connection, String reason, boolean clean) {
        closed(reason);
    }
}
