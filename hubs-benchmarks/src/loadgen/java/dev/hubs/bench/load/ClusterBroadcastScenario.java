package dev.hubs.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broadcast across two servers: one sender on server A, receivers on A and on B, the hub's {@code others()}
 * reaching B through the Redis backplane. As in {@link BroadcastScenario}, the sender keeps {@code window}
 * broadcasts in flight, a broadcast is done when every receiver has it, and each payload carries its send time, so
 * every delivery gives a send-to-receive latency; the latencies of receivers on A (delivered by the sending server)
 * and on B (through Redis) are kept apart.
 *
 * <p>With A and B the same server and no Redis it is the single-server baseline with the same receivers. A broadcast
 * that does not reach every receiver within 10 s stops the run with an error: no delivery may be lost.
 */
final class ClusterBroadcastScenario extends Scenario implements SessionHandler {

    private static final int RING = 1024;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Bench benchB;
    private final String name;
    private final int receiversOnA;
    private final int receiversOnB;
    private final int window;
    private final String padding;
    private final Duration warmup;
    private final Duration measure;

    // loop thread only
    private final Histogram latencyA = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram latencyB = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final int[] remaining = new int[RING];
    private final Map<WireSession, Boolean> onB = new IdentityHashMap<>();
    private WireSession sender;
    private int receiverCount;
    private long measureStart;
    private long measureEnd;
    private boolean sending;
    private long sequence;
    private int outstanding;
    private long deliveries;
    private long completedBroadcasts;
    private long lastProgress;
    private String failure;
    private CompletableFuture<Void> drained;

    /**
     * Creates the scenario.
     *
     * @param benchA       server A (the sender's), which also runs the event loop
     * @param benchB       server B (may be A itself)
     * @param name         the scenario name in the results
     * @param receiversOnA receivers connected to A
     * @param receiversOnB receivers connected to B
     * @param window       broadcasts in flight
     * @param payloadBytes the payload length
     * @param warmup       warm-up time
     * @param measure      measurement time
     */
    ClusterBroadcastScenario(Bench benchA, Bench benchB, String name, int receiversOnA, int receiversOnB, int window,
                             int payloadBytes, Duration warmup, Duration measure) {
        super(benchA, Target.HUB);
        if (window >= RING / 2) {
            throw new IllegalArgumentException("window must be below " + RING / 2);
        }
        this.benchB = benchB;
        this.name = name;
        this.receiversOnA = receiversOnA;
        this.receiversOnB = receiversOnB;
        this.window = window;
        this.warmup = warmup;
        this.measure = measure;
        this.padding = "x".repeat(Math.max(0, payloadBytes - 24));
    }

    @Override
    Result run() throws ScenarioException {
        List<WireSession> all = new ArrayList<>();
        try {
            all.addAll(open(WireSession.Work.BROADCAST, receiversOnA, Duration.ofSeconds(120)));
            List<WireSession> remote = openOnB(receiversOnB);
            all.addAll(remote);
            receiverCount = all.size();
            List<WireSession> senders = open(WireSession.Work.BROADCAST, 1, Duration.ofSeconds(30));
            sender = senders.get(0);
            List<WireSession> receivers = new ArrayList<>(all);
            all.add(sender);
            long start = onLoop(() -> begin(receivers, remote));
            sleepUntil(start + warmup.toNanos());
            Bench.ServerStats fromA = bench.stats(false, false);
            Bench.ServerStats fromB = benchB.stats(false, false);
            sleepUntil(start + warmup.toNanos() + measure.toNanos());
            Bench.ServerStats toA = bench.stats(false, false);
            Bench.ServerStats toB = benchB.stats(false, false);
            onLoop(this::stop);
            try {
                drained.get(15, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                onLoop(() -> fail(outstanding + " broadcasts not delivered to everybody 15 s after the end"));
            } catch (InterruptedException | ExecutionException e) {
                throw new ScenarioException("interrupted");
            }
            String failed = onLoop(() -> failure);
            if (failed != null) {
                throw new ScenarioException(failed);
            }
            boolean twoServers = !bench.liberty().equals(benchB.liberty());
            long cpuNanos = (toA.cpuNanos() - fromA.cpuNanos()) + (twoServers ? toB.cpuNanos() - fromB.cpuNanos() : 0);
            return onLoop(() -> {
                double seconds = (measureEnd - measureStart) / 1e9;
                Result result = new Result(name, target)
                        .put("servers", twoServers ? 2 : 1)
                        .put("receiversOnA", receiversOnA)
                        .put("receiversOnB", receiversOnB)
                        .put("window", window)
                        .put("durationSeconds", seconds)
                        .put("deliveries", deliveries)
                        .put("deliveriesPerSecond", deliveries / seconds)
                        .put("broadcastsPerSecond", completedBroadcasts / seconds)
                        .put("serverCpuMicrosPerDelivery", deliveries == 0 ? 0 : cpuNanos / 1000.0 / deliveries);
                result.latency("latencyOnA", latencyA);
                result.latency("latencyOnB", latencyB);
                return result;
            });
        } finally {
            closeAll(all);
        }
    }

    /** Opens receivers on server B, all or nothing. */
    private List<WireSession> openOnB(int count) throws ScenarioException {
        if (count == 0) {
            return List.of();
        }
        Opener opener = new Opener(benchB, target, WireSession.Work.BROADCAST, count, 64);
        CompletableFuture<List<WireSession>> opened = onLoop(opener::start);
        try {
            List<WireSession> sessions = opened.get(120, TimeUnit.SECONDS);
            if (opener.failed() > 0) {
                closeAll(sessions);
                throw new ScenarioException(opener.failed() + " of " + count + " sessions on server B failed to open; "
                        + "first: " + opener.firstFailure());
            }
            return sessions;
        } catch (TimeoutException e) {
            onLoop(() -> {
                opener.abandon();
                return null;
            });
            closeAll(opened.join());
            throw new ScenarioException("the sessions on server B did not open within 120 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted");
        } catch (ExecutionException e) {
            throw new ScenarioException("opening on server B failed: " + e.getCause());
        }
    }

    private long begin(List<WireSession> receivers, List<WireSession> remote) {
        long now = System.nanoTime();
        measureStart = now + warmup.toNanos();
        measureEnd = measureStart + measure.toNanos();
        lastProgress = now;
        drained = new CompletableFuture<>();
        sending = true;
        for (WireSession session : remote) {
            onB.put(session, Boolean.TRUE);
        }
        sender.handler(this);
        for (WireSession receiver : receivers) {
            receiver.handler(this);
        }
        for (int i = 0; i < window; i++) {
            broadcast();
        }
        bench.loop().schedule(TimeUnit.SECONDS.toNanos(1), this::watch);
        return now;
    }

    private void watch() {
        if (drained.isDone()) {
            return;
        }
        if (System.nanoTime() - lastProgress > STALL_NANOS) {
            fail("no delivery for 10 s: a broadcast was lost (" + outstanding + " outstanding)");
            drained.complete(null);
            return;
        }
        bench.loop().schedule(TimeUnit.SECONDS.toNanos(1), this::watch);
    }

    private String fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        return failure;
    }

    private Object stop() {
        sending = false;
        if (outstanding == 0) {
            drained.complete(null);
        }
        return null;
    }

    private void broadcast() {
        long seq = sequence++;
        remaining[(int) (seq % RING)] = receiverCount;
        outstanding++;
        sender.sendBroadcast(seq + ":" + System.nanoTime() + ":" + padding);
    }

    @Override
    public void onDelivery(WireSession session, byte[] b, int offset, int length, long now) {
        if (session == sender) {
            return;
        }
        int end = offset + length;
        long seq = Ascii.parseLong(b, offset, end);
        int colon = Ascii.skipDigits(b, offset, end);
        long sentAt = Ascii.parseLong(b, colon + 1, end);
        if (seq < 0 || sentAt < 0) {
            fail("unexpected broadcast payload: " + Ascii.string(b, offset, end));
            return;
        }
        lastProgress = now;
        boolean measuring = now - measureStart >= 0 && now - measureEnd < 0;
        if (measuring) {
            Histogram latency = onB.containsKey(session) ? latencyB : latencyA;
            latency.recordValue(Math.max(0, Math.min(now - sentAt, latency.getHighestTrackableValue())));
            deliveries++;
        }
        int slot = (int) (seq % RING);
        if (--remaining[slot] == 0) {
            outstanding--;
            if (measuring) {
                completedBroadcasts++;
            }
            if (sending && now - measureEnd < 0) {
                broadcast();
            } else if (!sending && outstanding == 0) {
                drained.complete(null);
            }
        }
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        fail("a session ended during the run: " + reason);
        drained.complete(null);
    }

    @Override
    public void onReady(WireSession session) {
        // sessions arrive ready
    }

    @Override
    public void onEchoReply(WireSession session, long id, long now) {
        // no echo here
    }
}
