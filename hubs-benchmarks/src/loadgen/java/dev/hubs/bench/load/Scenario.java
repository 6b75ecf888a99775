package dev.hubs.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every scenario does around its measurement: open sessions in bounded time, hand work to the loop thread,
 * read the servers' and the generator's CPU time at the edges of the measurement window, close in bounded time.
 */
abstract class Scenario {

    /** How many sessions open at once. */
    static final int OPEN_CONCURRENCY = 128;

    /** Told when the measurement window opens and closes (to record a profile of exactly that time). */
    interface Hooks {
        /** The window opens. */
        void measureStart();

        /** The window closes. */
        void measureEnd();
    }

    protected final Bench bench;
    protected final Target target;
    private Hooks hooks;

    /** Sets the hooks. */
    Scenario hooks(Hooks value) {
        this.hooks = value;
        return this;
    }

    /** Calls the hooks' start, if any. */
    void measureStarting() {
        if (hooks != null) {
            hooks.measureStart();
        }
    }

    /** Calls the hooks' end, if any. */
    void measureEnded() {
        if (hooks != null) {
            hooks.measureEnd();
        }
    }

    Scenario(Bench bench, Target target) {
        this.bench = bench;
        this.target = target;
    }

    /**
     * Runs the scenario.
     *
     * @return the result
     * @throws ScenarioException when it could not run to its end
     */
    abstract Result run() throws ScenarioException;

    /** Opens sessions, all or nothing, within the time limit. */
    List<WireSession> open(WireSession.Work work, int count, Duration limit) throws ScenarioException {
        Opener opener = new Opener(bench, target, work, count, OPEN_CONCURRENCY);
        CompletableFuture<List<WireSession>> opened = onLoop(opener::start);
        List<WireSession> sessions;
        try {
            sessions = opened.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            onLoop(() -> {
                opener.abandon();
                return null;
            });
            sessions = opened.join();
            closeAll(sessions);
            throw new ScenarioException("only " + sessions.size() + " of " + count + " " + target.id()
                    + " sessions opened within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted");
        } catch (ExecutionException e) {
            throw new ScenarioException("opening failed: " + e.getCause());
        }
        if (opener.failed() > 0) {
            closeAll(sessions);
            throw new ScenarioException(opener.failed() + " of " + count + " " + target.id()
                    + " sessions failed to open; first: " + opener.firstFailure());
        }
        return sessions;
    }

    /** Closes sessions and waits (bounded) until all are closed. */
    void closeAll(List<WireSession> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        AtomicInteger open = new AtomicInteger();
        CompletableFuture<Void> allClosed = new CompletableFuture<>();
        onLoop(() -> {
            SessionHandler closer = new SessionHandler() {
                @Override
                public void onReady(WireSession session) {
                }

                @Override
                public void onEchoReply(WireSession session, long id, long now) {
                }

                @Override
                public void onDelivery(WireSession session, byte[] buffer, int offset, int length, long now) {
                }

                @Override
                public void onClosed(WireSession session, String reason) {
                    if (open.decrementAndGet() == 0) {
                        allClosed.complete(null);
                    }
                }
            };
            for (WireSession session : sessions) {
                if (!session.isClosed()) {
                    open.incrementAndGet();
                    session.handler(closer);
                }
            }
            if (open.get() == 0) {
                allClosed.complete(null);
            }
            for (WireSession session : new ArrayList<>(sessions)) {
                if (!session.isClosed()) {
                    session.close();
                }
            }
            return null;
        });
        try {
            allClosed.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.err.println("[loadgen] " + open.get() + " " + target.id() + " sessions did not close within 20 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs something on the loop thread and waits for its result. */
    <T> T onLoop(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        bench.loop().execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the event loop did not answer within 60 s", e);
        }
    }

    /** Sleeps until a {@link System#nanoTime()}. */
    static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads the server's and this process's CPU time and the load average now. */
    Snapshot snapshot() {
        Bench.ServerStats server = bench.stats(target.node(), false);
        return new Snapshot(System.nanoTime(), server.cpuNanos(), clientCpuNanos(), loadAverage());
    }

    /** Adds the CPU use between two snapshots to a result. */
    static void usage(Result result, Snapshot from, Snapshot to, double operations) {
        double wall = to.wallNanos - from.wallNanos;
        double server = to.serverCpuNanos - from.serverCpuNanos;
        double client = to.clientCpuNanos - from.clientCpuNanos;
        result.put("serverCpuCores", server / wall);
        result.put("clientCpuCores", client / wall);
        if (operations > 0) {
            result.put("serverCpuMicrosPerOp", server / operations / 1000.0);
        }
        result.put("loadAverageBefore", from.loadAverage);
        result.put("loadAverageAfter", to.loadAverage);
    }

    static long clientCpuNanos() {
        var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        return os == null ? -1 : os.getProcessCpuTime();
    }

    /** The 1-minute load average of the machine, or "" where /proc is not there. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** CPU times and load at one moment. */
    record Snapshot(long wallNanos, long serverCpuNanos, long clientCpuNanos, String loadAverage) {
    }
}
