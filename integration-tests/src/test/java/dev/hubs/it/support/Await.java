package dev.hubs.it.support;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Bounded waits: tests synchronise on queues and futures with these timeouts, never by sleeping. */
public final class Await {

    /** How long anything that should happen may take: generous, as a slow machine must not fail the build. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Takes the next element of a queue, failing the test when none arrives in time.
     *
     * @param queue what to wait on
     * @param what  what is awaited, for the failure message
     * @param <T>   the element type
     * @return the element
     */
    public static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T element = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (element == null) {
                fail("Nothing arrived within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            return element;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        }
    }
}
