package dev.hubs.core.connection;

import java.util.ArrayDeque;
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
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private int running;
    private boolean exclusiveRunning;
    private boolean closed;

    /**
     * Creates a gate.
     *
     * @param limit how many tasks may run at once
     */
    public InvocationGate(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
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
            if (!waiting.isEmpty() || !canStart(entry)) {
                waiting.add(entry);
                return;
            }
            start(entry);
        }
        runFrom(entry);
    }

    /** Drops waiting tasks and accepts no more: the connection ended. */
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
    }

    /**
     * How many tasks wait.
     *
     * @return the queue length
     */
    public synchronized int waiting() {
        return waiting.size();
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
        Entry next = waiting.peek();
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
            if (!completion.returned()) {
                return; // the completion, on its own thread, carries on with the queue
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
            }
            if (state.getAndSet(DONE) == RETURNED) {
                runFrom(nextToStart());
            }
        }

        boolean returned() {
            return state.getAndSet(RETURNED) == DONE;
        }
    }
}
