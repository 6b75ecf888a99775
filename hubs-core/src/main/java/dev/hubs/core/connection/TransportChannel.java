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
     * Ends the underlying transport. Called after the last queued message was written, or at once when the
     * connection must be dropped. Must be idempotent.
     *
     * @param error why, or {@code null} for a normal end
     */
    void close(Throwable error);
}
