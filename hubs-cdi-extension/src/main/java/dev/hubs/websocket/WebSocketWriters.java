package dev.hubs.websocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

/**
 * The threads that write to the WebSockets of one application, with the container's blocking send.
 *
 * <p><b>Why blocking sends on threads of our own.</b> On Open Liberty an asynchronous send
 * ({@code getAsyncRemote().sendText}) always goes through the container's write selector thread and then reports
 * its completion on yet another thread: measured at about twice the server CPU of a blocking
 * {@code getBasicRemote().sendText}, which writes to the socket at once when the socket has room. A blocking send
 * must not run on a thread that receives, though, nor on a sender's thread (a broadcast must not wait for one slow
 * client), so WebSocket writes run here: a connection's outbound queue hands its next write to this pool, and the
 * thread that completes a write carries on with the records queued meanwhile, and with whatever that sends inline.
 * The outbound queue never has two writes of one connection in flight, so a session is never written from two
 * threads at once.
 *
 * <p><b>Slow and stalled clients.</b> A blocking send returns as soon as its bytes are in the socket's buffer; it
 * waits only when a client reads slower than it is sent to. A monitor looks at the threads every
 * {@value #MONITOR_MILLIS} ms: a task running longer than {@value #STUCK_MILLIS} ms no longer counts as a writer, and
 * a thread is added for it (up to {@value #MAX_EXTRA_THREADS} more), so other connections keep being written; the
 * connection whose send took that long writes asynchronously for a while ({@link Sending#slow()}), so a slow client
 * does not hold a thread again meanwhile. A send that has not completed within the stall limit ends its connection, as the
 * container's idle timeout would have.
 */
public final class WebSocketWriters implements AutoCloseable {

    /** How often the monitor looks at the writer threads. */
    static final long MONITOR_MILLIS = 50;
    /** How long a task may run before its thread is replaced, and its connection's sends become asynchronous. */
    static final long STUCK_MILLIS = 100;
    /** How many threads may be added for stuck ones. */
    static final int MAX_EXTRA_THREADS = 128;

    /** The state of one writer thread, read by the monitor. */
    private static final class Slot {
        private static final AtomicReferenceFieldUpdater<Slot, Sending> SENDING =
                AtomicReferenceFieldUpdater.newUpdater(Slot.class, Sending.class, "sending");

        /** {@link System#nanoTime()} when the running task started, 0 while idle. */
        volatile long taskStarted;
        /** When the current send started; written before {@link #sending}, so whoever sees one sees the other. */
        volatile long sendStarted;
        /** The connection being sent to; {@code null} between sends. */
        volatile Sending sending;

        /** Takes a stalled send off the watch, unless its thread has moved on to another send meanwhile. */
        boolean unwatch(Sending stalled) {
            return SENDING.compareAndSet(this, stalled, null);
        }
    }

    /** What a blocking send is for: the connection it may end, and the flag that makes it send asynchronously. */
    interface Sending {
        /** The send took long: send asynchronously for a while. */
        void slow();

        /**
         * How long a send may wait for the client before the connection is ended.
         *
         * @return the stall limit in nanoseconds
         */
        long stallLimitNanos();

        /**
         * The send did not complete within the stall limit: end the connection.
         *
         * @param stalledMillis how long it has been waiting
         */
        void stalled(long stalledMillis);
    }

    private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

    private final int coreThreads;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService monitor;

    /**
     * Starts the writers: as many as there are processors (at least two), and more while some are stuck.
     */
    public WebSocketWriters() {
        this.coreThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(coreThreads, coreThreads + MAX_EXTRA_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(() -> runWriter(task), "hubs-websocket-writer-"
                            + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // The core ones stay; threads added for stuck ones end after 30 s without work once the core size is
        // lowered again.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "hubs-websocket-writer-monitor");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::watch, MONITOR_MILLIS, MONITOR_MILLIS, TimeUnit.MILLISECONDS);
        this.monitor = timer;
    }

    private void runWriter(Runnable firstAndLoop) {
        Slot slot = new Slot();
        slots.add(slot);
        CURRENT.set(slot);
        try {
            firstAndLoop.run();
        } finally {
            slots.remove(slot);
        }
    }

    /**
     * Whether the calling thread is one of these writers: a write may then be sent inline.
     *
     * @return whether the caller may block in a send
     */
    boolean onWriterThread() {
        return CURRENT.get() != null;
    }

    /**
     * Runs a task on a writer thread.
     *
     * @param task      the task (it sends with {@link #send})
     * @param rejection told when the pool is shut down
     */
    void execute(Runnable task, Consumer<Throwable> rejection) {
        try {
            pool.execute(() -> {
                Slot slot = CURRENT.get();
                slot.taskStarted = System.nanoTime();
                try {
                    task.run();
                } finally {
                    slot.taskStarted = 0;
                }
            });
        } catch (RejectedExecutionException e) {
            rejection.accept(e);
        }
    }

    /**
     * Sends on the calling writer thread, watched by the monitor.
     *
     * @param sending what the send is for
     * @param send    the blocking send
     * @throws Exception what the send throws
     */
    void send(Sending sending, BlockingSend send) throws Exception {
        Slot slot = CURRENT.get();
        long started = System.nanoTime();
        slot.sendStarted = started;
        slot.sending = sending;
        try {
            send.run();
        } finally {
            slot.sending = null;
            if (System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS)) {
                sending.slow();
            }
        }
    }

    /** A blocking send. */
    @FunctionalInterface
    interface BlockingSend {
        /**
         * Sends.
         *
         * @throws Exception when the send failed
         */
        void run() throws Exception;
    }

    private void watch() {
        long now = System.nanoTime();
        long stuckNanos = TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS);
        int stuck = 0;
        for (Slot slot : slots) {
            long started = slot.taskStarted;
            if (started != 0 && now - started > stuckNanos) {
                stuck++;
            }
            Sending sending = slot.sending;
            long sendStarted = slot.sendStarted;
            if (sending != null && now - sendStarted > stuckNanos) {
                sending.slow();
                if (now - sendStarted > sending.stallLimitNanos() && slot.unwatch(sending)) {
                    sending.stalled(TimeUnit.NANOSECONDS.toMillis(now - sendStarted)); // reported once
                }
            }
        }
        int wanted = Math.min(coreThreads + stuck, coreThreads + MAX_EXTRA_THREADS);
        if (wanted != pool.getCorePoolSize()) {
            // Raising the core size starts threads for queued tasks at once; lowering it lets the surplus end when
            // idle.
            pool.setCorePoolSize(wanted);
        }
    }

    /** Stops the threads; sends in progress end with their connections. */
    @Override
    public void close() {
        monitor.shutdownNow();
        pool.shutdown();
    }
}
