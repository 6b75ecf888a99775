package dev.hubs.servlet;

import dev.hubs.core.connection.TransportChannel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the two fallback transports share: the client sends with HTTP POST, one request at a time.
 */
abstract class FallbackChannel implements TransportChannel {

    private final AtomicBoolean sending = new AtomicBoolean();

    /**
     * Claims the right to process a POST.
     *
     * @return {@code false} when another POST of the connection is being processed (the client gets 409)
     */
    boolean beginSend() {
        return sending.compareAndSet(false, true);
    }

    /** Releases the right claimed by {@link #beginSend()}. */
    void endSend() {
        sending.set(false);
    }
}
