package dev.hubs.it.churn;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the hubs of this package saw, outliving their transient instances: how often each life-cycle method ran, and
 * the invocations held open until the test releases them (so that clients can leave in the middle of them).
 */
@ApplicationScoped
public class ChurnTally {

    /** How long a blocking hub method waits at most, so that a test that fails never leaves a thread stuck. */
    private static final long BLOCK_LIMIT_SECONDS = 120;

    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong disconnected = new AtomicLong();
    private final AtomicLong disconnectFailures = new AtomicLong();
    private final Set<CompletableFuture<String>> held = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate = new CountDownLatch(1);

    /** {@code @OnConnected} ran. */
    public void connected() {
        connected.incrementAndGet();
    }

    /** {@code @OnDisconnected} ran. */
    public void disconnected() {
        disconnected.incrementAndGet();
    }

    /** {@code @OnDisconnected} ran and is about to throw. */
    public void disconnectFailed() {
        disconnectFailures.incrementAndGet();
    }

    /** @return how often {@code @OnConnected} ran */
    public long connectedCount() {
        return connected.get();
    }

    /** @return how often {@code @OnDisconnected} ran */
    public long disconnectedCount() {
        return disconnected.get();
    }

    /** @return how often {@code @OnDisconnected} threw */
    public long disconnectFailureCount() {
        return disconnectFailures.get();
    }

    /**
     * An answer that comes when the test releases it.
     *
     * @return a stage completed by {@link #release()}
     */
    public CompletionStage<String> hold() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        held.add(answer);
        return answer;
    }

    /** Blocks the calling thread until the test releases it. */
    public void block() {
        try {
            gate.await(BLOCK_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes every held answer and lets every blocked thread go. */
    public void release() {
        CountDownLatch old = gate;
        gate = new CountDownLatch(1);
        old.countDown();
        for (CompletableFuture<String> answer : held) {
            held.remove(answer);
            answer.complete("released");
        }
    }
}
