package dev.hubs.core.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The single outbound queue of a connection.
 *
 * <p>Any thread may {@link #offer} records; exactly one write to the transport is in flight at a time, and records
 * that queued up meanwhile leave together in the next write (SignalR allows several records per frame), which is
 * what keeps broadcasts cheap under load. No lock is taken: a compare-and-set on {@code writing} elects the thread
 * that writes.
 *
 * <p><b>Overflow policy.</b> The queue holds at most {@code capacity} records. A client that reads slower than it
 * is sent to fills it; the offer that finds it full returns {@code false} and the owner closes the connection (and
 * logs a warning). Senders are never blocked and other connections are never slowed down.
 *
 * <p>There is one queue per connection, so it is kept small: the counters are plain fields updated through
 * {@link VarHandle}s rather than atomic objects of their own, and what a completed or failed write means is said by
 * the owner's subclass ({@link #written()}, {@link #writeFailed(Throwable)}) rather than by callbacks.
 */
abstract class OutboundQueue {

    private static final VarHandle QUEUED;
    private static final VarHandle WRITING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            QUEUED = lookup.findVarHandle(OutboundQueue.class, "queued", int.class);
            WRITING = lookup.findVarHandle(OutboundQueue.class, "writing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@link String} records, or {@link Tracked} ones whose writer wants to know when they were written. */
    private final ConcurrentLinkedQueue<Object> records = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final int maxBatchChars;
    private volatile int queued;
    private volatile boolean writing;

    private volatile TransportChannel channel;
    private volatile boolean closeWhenDrained;
    private volatile boolean held;
    private volatile boolean closed;
    private volatile boolean failed;

    /**
     * Creates a queue.
     *
     * @param capacity      how many records may wait
     * @param maxBatchChars roughly how many characters one write may carry when records queued up
     */
    OutboundQueue(int capacity, int maxBatchChars) {
        this.capacity = capacity;
        this.maxBatchChars = maxBatchChars;
    }

    /** Told after each successful write (keep-alive bookkeeping). */
    abstract void written();

    /**
     * Told when a write fails; the connection is then closed.
     *
     * @param failure why
     */
    abstract void writeFailed(Throwable failure);

    /** Starts writing to a transport; records offered before are kept and go first. */
    void attach(TransportChannel transport) {
        this.channel = transport;
        drain();
    }

    /**
     * Queues a record.
     *
     * @param record a complete record
     * @return {@code false} when the queue is closed or full
     */
    boolean offer(String record) {
        return enqueue(record);
    }

    /**
     * Queues a record and tells when it has been written: how a stream paces itself to the client (its next item
     * is requested once an earlier one has left). Nothing is told when the record is dropped because the connection
     * ended.
     *
     * @param record  a complete record
     * @param written run on the writing thread once the record has been written
     * @return {@code false} when the queue is closed or full
     */
    boolean offer(String record, Runnable written) {
        return enqueue(new Tracked(record, written));
    }

    private boolean enqueue(Object record) {
        if (closed) {
            return false;
        }
        if ((int) QUEUED.getAndAdd(this, 1) >= capacity) {
            QUEUED.getAndAdd(this, -1);
            return false;
        }
        records.add(record);
        drain();
        return true;
    }

    /** Keeps queued records from being written until {@link #release()}; offers are still accepted. */
    void hold() {
        held = true;
    }

    /** Writes what was held back, and everything after it. */
    void release() {
        held = false;
        drain();
    }

    /** Accepts nothing more; the transport is closed once what is queued has been written. */
    void closeWhenDrained() {
        closed = true;
        closeWhenDrained = true;
        drain();
    }

    /** Accepts nothing more and drops what is queued. */
    void discard() {
        closed = true;
        records.clear();
    }

    /** Whether the queue accepts nothing more (closing, discarded or failed). */
    boolean isClosed() {
        return closed;
    }

    /** How many records wait. */
    int size() {
        return queued;
    }

    private void drain() {
        while (true) {
            TransportChannel transport = channel;
            if (transport == null || held || !WRITING.compareAndSet(this, false, true)) {
                return;
            }
            Object first = records.poll();
            if (first == null) {
                writing = false;
                if (!records.isEmpty()) {
                    continue; // a record arrived between poll and release: nobody else will write it
                }
                if (closeWhenDrained) {
                    transport.close(null);
                }
                return;
            }
            int count = 1;
            String firstText = text(first);
            String text = firstText;
            Runnable[] callbacks = first instanceof Tracked tracked ? new Runnable[]{tracked.written()} : null;
            if (firstText.length() < maxBatchChars && records.peek() != null) {
                // Sized for a few records, not for the batch limit: most batches are small, and a 32 KB buffer per
                // write was a third of what a busy echo allocated.
                StringBuilder batch = new StringBuilder(Math.min(firstText.length() * 4, maxBatchChars))
                        .append(firstText);
                Object next;
                while (batch.length() < maxBatchChars && (next = records.poll()) != null) {
                    batch.append(text(next));
                    if (next instanceof Tracked tracked) {
                        callbacks = append(callbacks, tracked.written());
                    }
                    count++;
                }
                text = batch.toString();
            }
            Write write = new Write(count, callbacks);
            transport.write(text, write);
            if (!write.returned()) {
                return; // the completion will continue draining on its own thread
            }
            // The write completed synchronously: loop here instead of recursing from the callback.
        }
    }

    /**
     * Completion of one write; trampolines synchronous completions back to {@link #drain()}'s loop. It is its own
     * state (pending, returned, completed): one object per write.
     */
    private static String text(Object record) {
        return record instanceof Tracked tracked ? tracked.record() : (String) record;
    }

    private static Runnable[] append(Runnable[] callbacks, Runnable callback) {
        if (callbacks == null) {
            return new Runnable[]{callback};
        }
        Runnable[] more = java.util.Arrays.copyOf(callbacks, callbacks.length + 1);
        more[callbacks.length] = callback;
        return more;
    }

    /** A record whose writer is told when it has been written. */
    private record Tracked(String record, Runnable written) {
    }

    @SuppressWarnings("serial") // never serialized
    private final class Write extends AtomicInteger implements Consumer<Throwable> {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int COMPLETED = 2;

        private final int count;
        private final Runnable[] callbacks;

        Write(int count, Runnable[] callbacks) {
            super(PENDING);
            this.count = count;
            this.callbacks = callbacks;
        }

        @Override
        public void accept(Throwable failure) {
            QUEUED.getAndAdd(OutboundQueue.this, -count);
            if (failure != null) {
                failed = true;
                closed = true;
                records.clear();
                writing = false;
                set(COMPLETED);
                writeFailed(failure);
                return;
            }
            written();
            writing = false;
            if (callbacks != null) {
                for (Runnable callback : callbacks) {
                    try {
                        callback.run();
                    } catch (RuntimeException e) {
                        // A stream's pacing must never stop the queue of the whole connection.
                        dev.hubs.core.CoreLog.unexpected("Notifying a written stream item", e);
                    }
                }
            }
            if (getAndSet(COMPLETED) == RETURNED) {
                drain();
            }
        }

        /** Marks that {@code write} returned; tells whether the completion already ran. */
        boolean returned() {
            return getAndSet(RETURNED) == COMPLETED && !failed;
        }
    }
}
