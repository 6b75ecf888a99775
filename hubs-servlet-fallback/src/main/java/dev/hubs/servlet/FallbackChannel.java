package dev.hubs.servlet;

import dev.hubs.core.connection.TransportChannel;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * What the two fallback transports share: the client sends with HTTP POST, and the POSTs of one connection are
 * processed one at a time.
 *
 * <p>A POST that arrives while another of its connection is being processed waits for it, as it does on the SignalR
 * server (which holds a write lock per connection): clients may send several POSTs at once (the official Java client
 * sends each message in a request of its own, without waiting for the previous one), and refusing one would lose its
 * messages. They are taken in the order they arrived.
 */
abstract class FallbackChannel implements TransportChannel {

    private final Semaphore sending = new Semaphore(1, true);

    /**
     * Waits for the right to process a POST.
     *
     * @throws InterruptedIOException when the request thread is interrupted while it waits
     */
    void beginSend() throws InterruptedIOException {
        try {
            sending.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while another POST of the connection was processed");
        }
    }

    /** Releases the right claimed by {@link #beginSend()}. */
    void endSend() {
        sending.release();
    }
}
