package dev.hubs.bench.load;

/**
 * What a {@link WireSession} tells the scenario that drives it, always on the event loop thread.
 */
public interface SessionHandler {

    /**
     * The session is connected and past its protocol's handshake.
     *
     * @param session the session
     */
    void onReady(WireSession session);

    /**
     * An echo call was answered.
     *
     * @param session the session
     * @param id      the call's id
     * @param now     {@link System#nanoTime()} of the read that brought the answer
     */
    void onEchoReply(WireSession session, long id, long now);

    /**
     * A broadcast arrived. The payload bytes are only valid during the call.
     *
     * @param session the receiving session
     * @param buffer  holds the payload (the text the sender broadcast)
     * @param offset  where it starts
     * @param length  its length
     * @param now     {@link System#nanoTime()} of the read that brought it
     */
    void onDelivery(WireSession session, byte[] buffer, int offset, int length, long now);

    /**
     * The session ended, or could not be opened.
     *
     * @param session the session
     * @param reason  why
     */
    void onClosed(WireSession session, String reason);
}
