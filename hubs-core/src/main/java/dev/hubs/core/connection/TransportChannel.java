package dev.hubs.core.connection;

import java.util.function.Consumer;

/**
 * What a transport gives a connection to send with. Implemented by each transport (WebSockets in the CDI
 * extension module, the fallbacks in the servlet module).
 *
 * <p>The connection's outbound queue guarantees that {@link #write} is never called again before the previous
 * write completed, and never from two threads at once.
 */
public interface TransportChannel {

    /**
     * The SignalR name of the transport: {@code WebSockets}, {@code ServerSentEvents} or {@code LongPolling}.
     *
     * @return the transport name
     */
    String name();

    /**
     * Sends text (one or several complete records) to the client, asynchronously.
     *
     * @param text       the records
     * @param completion called exactly once when the write finished, with {@code null} or the failure; may be
     *                   called on any thread, including the calling one
     */
    void write(String text, Consumer<Throwable> completion);

    /**
     * Whether the transport shows by itself that the client is there, so that keep-alive pings are not needed:
     * long polling, whose client polls again and again.
     *
     * @return whether pings are skipped for this transport
     */
    default boolean inherentKeepAlive() {
        return false;
    }

    /**
     * Since when the client has been absent, for transports whose client can vanish without the server noticing:
     * long polling, between polls.
     *
     * @return {@link System#nanoTime()} since which no request of the client has been open, or {@code -1} while
     *         the client is present (or the transport cannot tell)
     */
    default long absentSinceNanos() {
        return -1;
    }

    /**
     * Whether the client learns that its connection ended only by coming back for it, so that the ended connection
     * must still be found by its token until it has: long polling, whose client collects the last records (such as
     * the server's Close message) and then the end itself (204) with its next polls; without it, those polls would
     * get 404 and the records would be lost. The run-time forgets an ended connection once this returns
     * {@code false}, or once the client has been absent ({@link #absentSinceNanos()}) for the disconnect timeout.
     * Only asked after the connection ended.
     *
     * @return whether the client has yet to collect the end of its connection
     */
    default boolean clientCollectsEnd() {
        return false;
    }

    /**
     * Ends the underlying transport. Called after the last queued message was written, or at once when the
     * connection must be dropped. Must be idempotent. With a {@code null} error, what was written before still
     * reaches a client that collects it ({@link #clientCollectsEnd()}).
     *
     * @param error why, or {@code null} for a normal end
     */
    void close(Throwable error);
}
