package dev.hubs.core.connection;

import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream a client uploads (the {@code streamIds} of an invocation), as the {@code Flow.Publisher<T>} the hub
 * method receives.
 *
 * <p>Items are delivered as the subscriber requests them. Items the subscriber has not asked for yet wait in a
 * buffer of {@code capacity} items (SignalR's stream buffer capacity, 10 by default); when it is full, the thread
 * delivering the client's messages waits for room, so the client is slowed down by its transport instead of the
 * server buffering without bound. That wait ends as soon as the subscriber requests, cancels, or the stream or the
 * connection ends.
 *
 * <p>One subscriber only; signals to it are serialized (never two at once, never re-entrant).
 */
public final class UploadStream implements Flow.Publisher<Object> {

    private final String streamId;
    private final Type itemType;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();

    // Guarded by lock.
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private boolean ended;
    private Throwable failure;
    private boolean cancelled;
    private boolean terminated;
    private int draining;

    /**
     * Creates an upload stream.
     *
     * @param streamId the id the client chose for it
     * @param itemType the type items are converted to
     * @param capacity how many items may wait for the subscriber to ask for them
     */
    public UploadStream(String streamId, Type itemType, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.streamId = streamId;
        this.itemType = itemType;
        this.capacity = capacity;
    }

    /**
     * The id the client chose.
     *
     * @return the stream id
     */
    public String streamId() {
        return streamId;
    }

    /**
     * The type items are read as.
     *
     * @return the item type
     */
    public Type itemType() {
        return itemType;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> candidate) {
        java.util.Objects.requireNonNull(candidate, "subscriber");
        boolean accepted;
        lock.lock();
        try {
            accepted = subscriber == null;
            if (accepted) {
                subscriber = candidate;
            }
        } finally {
            lock.unlock();
        }
        if (!accepted) {
            candidate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            candidate.onError(new IllegalStateException("The upload stream '" + streamId
                    + "' has a subscriber already; it can be subscribed to once"));
            return;
        }
        candidate.onSubscribe(new Subscription());
        drain();
    }

    /**
     * Adds an item the client sent. Waits while the buffer is full.
     *
     * @param item the converted item
     * @return {@code false} when the item was dropped because the stream ended or its subscriber cancelled
     */
    public boolean push(Object item) {
        lock.lock();
        try {
            while (buffer.size() >= capacity && !cancelled && !ended) {
                room.await();
            }
            if (cancelled || ended) {
                return false;
            }
            buffer.add(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
        drain();
        return true;
    }

    /**
     * Ends the stream after the items already received: the client completed it, with or without an error, or the
     * invocation it belongs to is over. Items that arrive later are dropped. Only the first end counts.
     *
     * @param error why it failed, or {@code null} when it completed
     */
    public void end(Throwable error) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            failure = error;
            room.signalAll();
        } finally {
            lock.unlock();
        }
        drain();
    }

    /**
     * Whether the stream ended (from the client's side or the server's) or was cancelled.
     *
     * @return whether it accepts no more items
     */
    public boolean isEnded() {
        lock.lock();
        try {
            return ended || cancelled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many items wait for the subscriber.
     *
     * @return the number of buffered items
     */
    public int buffered() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers what can be delivered. One thread at a time emits; a thread that finds another emitting leaves the
     * work to it (the emitter checks the state again before it stops), so {@code request} from inside
     * {@code onNext} never recurses.
     */
    private void drain() {
        lock.lock();
        try {
            if (draining++ > 0) {
                return;
            }
        } finally {
            lock.unlock();
        }
        while (true) {
            Flow.Subscriber<? super Object> target;
            Object item = null;
            boolean complete = false;
            Throwable error = null;
            lock.lock();
            try {
                target = subscriber;
                if (target == null || cancelled || terminated) {
                    draining = 0;
                    return;
                }
                if (demand > 0 && !buffer.isEmpty()) {
                    item = buffer.poll();
                    demand--;
                    room.signal();
                } else if (buffer.isEmpty() && ended) {
                    terminated = true;
                    complete = true;
                    error = failure;
                } else {
                    draining = 0;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (complete) {
                if (error == null) {
                    target.onComplete();
                } else {
                    target.onError(error);
                }
                return;
            }
            target.onNext(item);
        }
    }

    private final class Subscription implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                end(new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") is not positive"));
                return;
            }
            lock.lock();
            try {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            } finally {
                lock.unlock();
            }
            drain();
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                buffer.clear();
                room.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
