package dev.hubs.core.connection;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most a given number of one connection's hub invocations run at once, and the rest wait their turn in
 * arrival order (SignalR's {@code MaximumParallelInvocationsPerClient}, 1 by default).
 *
 * <p>Unlike the .NET server, a waiting invocation does not stop the connection from reading: pings, Close messages,
 * cancellations and the client's answers to client results keep being processed, so awaiting something the same
 * client must send can never deadlock the connection. An exclusive task (the {@code @OnConnected} method) runs
 * alone and everything submitted after it waits for it.
 *
 * <p>Tasks run on the thread that submits them, or on the thread that completes the task before them. Completions
 * that happen synchronously are unrolled in a loop, so a long queue of quick invocations does not deepen the stack.
 */
public final class InvocationGate {

    /** A unit of work that says when it is finished. */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs the task.
         *
         * @param done to be run exactly once when the task is complete (possibly later, on another thread)
         */
        void run(Runnable done);
    }

    private record Entry(Task task, boolean exclusive) {
    }

    private final int limit;
    private final Executor executor;
    private volatile long idleSinceNanos = System.nanoTime();
    /** Made when a task first has to wait: most connections never have two invocations at once. */
    private ArrayDeque<Entry> waiting;
    private int running;
    private boolean exclusiveRunning;
    private boolean closed;

    /**
     * Creates a gate.
     *
     * @param limit how many tasks may run at once
     */
    public InvocationGate(int limit) {
        this(limit, null);
    }

    /**
     * Creates a gate whose tasks run on an executor, so that several blocking hub methods of one connection can
     * really run at once (with a limit of 1 there is nothing to gain and tasks run on the delivering thread).
     *
     * @param limit    how many tasks may run at once
     * @param executor runs the tasks, or {@code null} to run them on the submitting or completing thread
     */
    public InvocationGate(int limit, Executor executor) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        this.executor = executor;
    }

    /**
     * Whether a task is running; the client timeout is paused meanwhile, as the SignalR server does while it
     * processes a message.
     *
     * @return whether a task runs
     */
    public synchronized boolean busy() {
        return running > 0;
    }

    /**
     * When the last task finished.
     *
     * @return {@link System#nanoTime()} when the gate last became idle (creation time before any task)
     */
    public long idleSinceNanos() {
        return idleSinceNanos;
    }

    /**
     * Runs a task now if a slot is free and nothing waits, or queues it.
     *
     * @param task the task
     */
    public void submit(Task task) {
        submit(new Entry(task, false));
    }

    /**
     * Runs a task alone: after everything before it, and before everything after it.
     *
     * @param task the task
     */
    public void submitExclusive(Task task) {
        submit(new Entry(task, true));
    }

    private void submit(Entry entry) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if ((waiting != null && !waiting.isEmpty()) || !canStart(entry)) {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                waiting.add(entry);
                return;
            }
            start(entry);
        }
        launch(entry);
    }

    private void launch(Entry entry) {
        if (entry == null) {
            return;
        }
        if (executor == null) {
            runFrom(entry);
        } else {
            executor.execute(() -> runFrom(entry));
        }
    }

    /** Drops waiting tasks and accepts no more: the connection ended. */
    public void close() {
        synchronized (this) {
            closed = true;
            waiting = null;
        }
    }

    /**
     * How many tasks wait.
     *
     * @return the queue length
     */
    public synchronized int waiting() {
        return waiting == null ? 0 : waiting.size();
    }

    private boolean canStart(Entry entry) {
        return !exclusiveRunning && (entry.exclusive() ? running == 0 : running < limit);
    }

    private void start(Entry entry) {
        running++;
        if (entry.exclusive()) {
            exclusiveRunning = true;
        }
    }

    private synchronized Entry nextToStart() {
        Entry next = waiting == null ? null : waiting.peek();
        if (next == null || closed || !canStart(next)) {
            return null;
        }
        waiting.poll();
        start(next);
        return next;
    }

    private void runFrom(Entry first) {
        Entry current = first;
        while (current != null) {
            Completion completion = new Completion(current.exclusive());
            try {
                current.task().run(completion);
            } catch (RuntimeException | Error e) {
                completion.run(); // a task that throws is finished; tasks report their own failures
                throw e;
            }
            if (executor != null || !completion.returned()) {
                return; // the completion carries on with the queue
            }
            current = nextToStart();
        }
    }

    /** The end of one task; unrolls synchronous completions into {@link #runFrom}'s loop. */
    private final class Completion implements Runnable {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int DONE = 2;

        private final boolean exclusive;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final AtomicBoolean finished = new AtomicBoolean();

        Completion(boolean exclusive) {
            this.exclusive = exclusive;
        }

        @Override
        public void run() {
            if (!finished.compareAndSet(false, true)) {
                return; // finishing twice must not free two slots
            }
            synchronized (InvocationGate.this) {
                running--;
                if (exclusive) {
                    exclusiveRunning = false;
                }
                if (running == 0) {
                    idleSinceNanos = System.nanoTime();
                }
            }
            if (executor != null) {
                // Every task that can start now goes to the executor, so that they really run side by side.
                state.set(DONE);
                Entry next;
                while ((next = nextToStart()) != null) {
                    launch(next);
                }
            } else if (state.getAndSet(DONE) == RETURNED) {
                runFrom(nextToStart());
            }
        }

        boolean returned() {
            return state.getAndSet(RETURNED) == DONE;
        }
    }
}
