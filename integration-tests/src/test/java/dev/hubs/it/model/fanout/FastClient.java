package dev.hubs.it.model.fanout;

import com.microsoft.signalr.HubConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** An official Java client counting the {@code item(index, payload)} calls of {@code FanoutHub} it receives. */
final class FastClient {

    final HubConnection connection;
    private final Semaphore arrived = new Semaphore(0);
    private final List<Integer> indexes = new ArrayList<>();
    volatile boolean payloadsIntact = true;

    /**
     * Counts what a started connection receives.
     *
     * @param connection the connection
     * @param size       the length every payload must have
     */
    FastClient(HubConnection connection, int size) {
        this.connection = connection;
        connection.on("item", (Integer index, String payload) -> {
            synchronized (indexes) {
                indexes.add(index);
            }
            if (payload.length() != size) {
                payloadsIntact = false;
            }
            arrived.release();
        }, Integer.class, String.class);
    }

    /** Waits for the next {@code count} items, which start at {@code from}. */
    void await(int count, int from, Duration timeout) {
        try {
            if (!arrived.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("A fast client did not receive items " + from + " to " + (from + count - 1) + " within "
                        + timeout.toSeconds() + " s; it has " + indexes().size() + " items");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The indexes received, in order of arrival. */
    List<Integer> indexes() {
        synchronized (indexes) {
            return List.copyOf(indexes);
        }
    }
}
