package dev.hubs.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The group changes this server asked other servers to make, waiting for their acknowledgement.
 */
final class GroupAcks {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /**
     * A new request id, to be waited for with {@link #await}.
     *
     * @return the id
     */
    long next() {
        long id = ids.incrementAndGet();
        waiting.put(id, new CompletableFuture<>());
        return id;
    }

    /**
     * The acknowledgement of a request.
     *
     * @param id      the request
     * @param timeout how long to wait
     * @return completes when acknowledged; fails with a {@link TimeoutException} after the timeout
     */
    CompletableFuture<Void> await(long id, Duration timeout) {
        CompletableFuture<Void> ack = waiting.get(id);
        if (ack == null) {
            return CompletableFuture.completedFuture(null); // acknowledged already
        }
        return ack.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> waiting.remove(id));
    }

    /**
     * Forgets a request that will not be acknowledged (it was not sent).
     *
     * @param id the request
     */
    void forget(long id) {
        waiting.remove(id);
    }

    /**
     * A server acknowledged a request.
     *
     * @param id the request
     */
    void acknowledged(long id) {
        CompletableFuture<Void> ack = waiting.remove(id);
        if (ack != null) {
            ack.complete(null);
        }
    }

    /**
     * Fails every request still waiting: the manager is closing.
     *
     * @param error the failure
     */
    void failAll(Throwable error) {
        waiting.values().forEach(ack -> ack.completeExceptionally(error));
        waiting.clear();
    }
}
