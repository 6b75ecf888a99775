package dev.hubs.servlet;

import dev.hubs.core.connection.TransportChannel;

import java.util.concurrent.Semaphore;

/**
 * What the two fallback transports share: the client sends with HTTP POST, and the POSTs of one connection are
 * processed one at a time.
 */
abstract class FallbackChannel implements TransportChannel {

    /**
     * Fair, so that POSTs waiting for their turn are processed in the order they arrived. A waiting POST is not
     * refused: the official Java client sends every message in a POST of its own without waiting for the previous
     * one, and it ignores a failed send, so a refused POST would be a lost message (a client result's answer, an
     * upload's item). SignalR's server waits the same way (its per-connection write lock).
     */
    private final Semaphore sending = new Semaphore(1, true);

    /**
     * Waits until no other POST of the connection is being processed, then claims the right to process one.
     *
     * @return {@code false} when the thread was interrupted while waiting (nothing was claimed)
     */
    boolean beginSend() {
        try {
            sending.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Releases the right claimed by {@link #beginSend()}. */
    void endSend() {
        sending.release();
    }
}
