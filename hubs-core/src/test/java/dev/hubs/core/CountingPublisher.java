package dev.hubs.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes {@code 0 .. count-1} on demand, on the requesting thread, and counts what was asked and given, so that
 * tests can check how far ahead a subscriber requests and whether it cancelled. It may fail after a number of
 * items instead of completing.
 */
final class CountingPublisher implements Flow.Publisher<Integer> {

    private final int count;
    private final int failAfter;
    final AtomicLong requested = new AtomicLong();
    final AtomicInteger emitted = new AtomicInteger();
    final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicInteger draining = new AtomicInteger();
    private volatile boolean done;

    CountingPublisher(int count) {
        this(count, -1);
    }

    CountingPublisher(int count, int failAfter) {
        this.count = count;
        this.failAfter = failAfter;
    }

    boolean wasCancelled() {
        return cancelled.getCount() == 0;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
                if (draining.getAndIncrement() != 0) {
                    return;
                }
                do {
                    while (!done && emitted.get() < requested.get()) {
                        int next = emitted.get();
                        if (next == failAfter) {
                            done = true;
                            subscriber.onError(new IllegalStateException("publisher broke at " + next));
                            return;
                        }
                        if (next == count) {
                            done = true;
                            subscriber.onComplete();
                            return;
                        }
                        emitted.incrementAndGet();
                        subscriber.onNext(next);
                    }
                    if (!done && emitted.get() == count && failAfter < 0) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                } while (draining.decrementAndGet() != 0);
            }

            @Override
            public void cancel() {
                done = true;
                cancelled.countDown();
            }
        });
    }
}
