package dev.hubs.core.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code maximum-connections} of one hub: a count of the connections it holds, exact under any concurrency.
 *
 * <p>A slot is taken when a connection is created (at negotiation, or when a WebSocket opens without it) and given
 * back when the connection ends, whatever ended it, including a negotiated connection that was never opened (it ends
 * after the handshake timeout). The count is a compare-and-set loop, so that many negotiations at once never take
 * more slots than there are, nor fail while one is free.
 *
 * <p>Refusals are counted for the log: under a flood of connection attempts one line per minute says how many were
 * refused, rather than one line each.
 */
public final class ConnectionLimit {

    /** How long the log stays quiet after a line about refusals. */
    private static final long LOG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final int maximum;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong();
    private volatile boolean loggedOnce;

    /**
     * Creates the limit.
     *
     * @param maximum the most connections at once; {@code 0} for no limit (connections are still counted)
     */
    public ConnectionLimit(int maximum) {
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum must be 0 (no limit) or positive");
        }
        this.maximum = maximum;
    }

    /**
     * The most connections at once.
     *
     * @return the maximum, {@code 0} for no limit
     */
    public int maximum() {
        return maximum;
    }

    /**
     * Takes a slot for a new connection.
     *
     * @return {@code false} when every slot is taken: the connection must be refused
     */
    public boolean tryAcquire() {
        if (maximum == 0) {
            held.incrementAndGet();
            return true;
        }
        while (true) {
            int now = held.get();
            if (now >= maximum) {
                refusedSinceLog.incrementAndGet();
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back the slot of a connection that ended; called exactly once per slot taken. */
    public void release() {
        held.decrementAndGet();
    }

    /**
     * How many connections hold a slot now.
     *
     * @return the count
     */
    public int held() {
        return held.get();
    }

    /**
     * After a refusal: how many refusals to log now, or 0 when the log should stay quiet (a line was written less
     * than a minute ago). The first refusal is always logged at once.
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return the refusals since the last line, or 0
     */
    public long refusalsToLog(long nowNanos) {
        long last = lastLogNanos.get();
        if (loggedOnce && nowNanos - last < LOG_INTERVAL_NANOS) {
            return 0;
        }
        if (!lastLogNanos.compareAndSet(last, nowNanos)) {
            return 0; // another thread logs them
        }
        loggedOnce = true;
        return refusedSinceLog.getAndSet(0);
    }
}
