package dev.hubs.bench.load.ws;

/**
 * What a {@link WsConnection} tells its owner, always on the loop thread.
 */
public interface WsListener {

    /**
     * The upgrade succeeded; text may be sent.
     *
     * @param connection the connection
     */
    void onOpen(WsConnection connection);

    /**
     * A complete text message arrived. The bytes are only valid during the call.
     *
     * @param connection the connection
     * @param buffer     holds the message
     * @param offset     where it starts
     * @param length     its length in bytes
     * @param now        {@link System#nanoTime()} of the read that brought it
     */
    void onText(WsConnection connection, byte[] buffer, int offset, int length, long now);

    /**
     * The connection ended: closed by either side, or failed. Called once.
     *
     * @param connection the connection
     * @param reason     a short description
     * @param clean      whether it was a normal close
     */
    void onClose(WsConnection connection, String reason, boolean clean);
}
