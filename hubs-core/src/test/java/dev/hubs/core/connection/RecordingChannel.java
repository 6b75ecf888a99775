package dev.hubs.core.connection;

import dev.hubs.core.protocol.RecordSeparator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fake transport for tests. It records every write and either completes it inline ({@link Mode#SYNC}) or keeps
 * the completion until the test (or a helper thread) completes it ({@link Mode#MANUAL}). It counts writes in flight
 * (from {@code write} until the completion is called) so that tests can check the one-writer rule.
 */
public class RecordingChannel implements TransportChannel {

    /** How writes complete. */
    public enum Mode {
        /** Inside {@code write}, on the calling thread. */
        SYNC,
        /** Later, when the test calls {@link #completeNext}. */
        MANUAL
    }

    private final Mode mode;
    private final String name;
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<Consumer<Throwable>> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger closeCalls = new AtomicInteger();
    private final AtomicInteger recordsWritten = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Throwable closeError;
    private volatile boolean writtenAfterClose;
    private volatile CountDownLatch recordLatch = new CountDownLatch(0);

    public RecordingChannel(Mode mode) {
        this(mode, "WebSockets");
    }

    public RecordingChannel(Mode mode, String name) {
        this.mode = mode;
        this.name = name;
    }

    public static RecordingChannel sync() {
        return new RecordingChannel(Mode.SYNC);
    }

    public static RecordingChannel manual() {
        return new RecordingChannel(Mode.MANUAL);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(String text, Consumer<Throwable> completion) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        if (closeCalls.get() > 0) {
            writtenAfterClose = true;
        }
        writes.add(text);
        int records = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == RecordSeparator.CHAR) {
                records++;
            }
        }
        recordsWritten.addAndGet(records);
        CountDownLatch latch = recordLatch;
        for (int i = 0; i < records; i++) {
            latch.countDown();
        }
        beforeCompletion(text);
        if (mode == Mode.SYNC) {
            inFlight.decrementAndGet();
            completion.accept(null);
        } else {
            pending.add(completion);
        }
    }

    /** Hook for tests that need to act inside a write, before it completes. */
    protected void beforeCompletion(String text) {
    }

    @Override
    public void close(Throwable error) {
        if (closeCalls.getAndIncrement() == 0) {
            closeError = error;
        }
        closed.countDown();
    }

    /** Completes the oldest pending write successfully; returns false when none came within the timeout. */
    public boolean completeNext(long timeoutMillis) throws InterruptedException {
        Consumer<Throwable> completion = pending.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (completion == null) {
            return false;
        }
        inFlight.decrementAndGet();
        completion.accept(null);
        return true;
    }

    /** Fails the oldest pending write; returns false when none came within the timeout. */
    public boolean failNext(Throwable failure, long timeoutMillis) throws InterruptedException {
        Consumer<Throwable> completion = pending.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (completion == null) {
            return false;
        }
        inFlight.decrementAndGet();
        completion.accept(failure);
        return true;
    }

    /** Counts down as records are written; expect {@code count} more records from now on. */
    public CountDownLatch expectRecords(int count) {
        CountDownLatch latch = new CountDownLatch(count);
        recordLatch = latch;
        return latch;
    }

    public int pendingWrites() {
        return pending.size();
    }

    public List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** Everything written, concatenated. */
    public String text() {
        return String.join("", writes());
    }

    /** Every record written, without its separator. */
    public List<String> records() {
        List<String> records = new ArrayList<>();
        String all = text();
        int start = 0;
        int end;
        while ((end = all.indexOf(RecordSeparator.CHAR, start)) >= 0) {
            records.add(all.substring(start, end));
            start = end + 1;
        }
        if (start != all.length()) {
            throw new AssertionError("written text does not end with a record separator: " + all);
        }
        return records;
    }

    public int recordsWritten() {
        return recordsWritten.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    public int closeCalls() {
        return closeCalls.get();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Throwable closeError() {
        return closeError;
    }

    public boolean writtenAfterClose() {
        return writtenAfterClose;
    }
}
