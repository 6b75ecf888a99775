package dev.hubs.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The soak: N hub connections receive a broadcast sent at a steady rate for a bounded time (minutes), as a server
 * under sustained load for a while rather than at its peak for seconds. Every broadcast carries its sequence number
 * and the time it was sent; each receiver checks that the numbers arrive one after the other, so any message lost
 * to a healthy (reading) client is counted, and must be none. Every interval (10 s by default) the run records the
 * latency percentiles of that interval, the deliveries, the losses so far, the server's CPU use and its heap: the
 * used heap at that moment and what was left after its last collection (no collection is forced during the run, so
 * the latencies are undisturbed), which shows a leak as a rising floor. A full collection before the connections
 * open and another before they close give the heap they cost and whether it stayed flat.
 *
 * <p>The broadcasts leave on the event loop's ticker at the rate, whether or not earlier ones have arrived (an open
 * loop: a server that falls behind shows it in the latencies, not in a lower rate). The receivers send the hub
 * protocol's keep-alive every 15 s, as the official clients do, so the server's client timeout is in force.
 */
final class SoakScenario extends Scenario implements SessionHandler {

    /**
     * The parameters of a soak.
     *
     * @param receivers    receiving connections
     * @param rate         broadcasts per second
     * @param payloadBytes payload length of a broadcast
     * @param duration     how long broadcasts are sent
     * @param interval     the length of one row of figures
     * @param keepAlive    the receivers' ping interval
     */
    record Plan(int receivers, double rate, int payloadBytes, Duration duration, Duration interval,
                Duration keepAlive) {

        /** The soak: 2 000 connections for 5 minutes, 10 broadcasts a second (20 000 deliveries/s). */
        static final Plan FULL = new Plan(2000, 10, 64, Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(15));

        /** A few seconds with a few connections, for the build's smoke run. */
        static final Plan SMOKE = new Plan(20, 50, 64, Duration.ofMillis(1500), Duration.ofMillis(500),
                Duration.ofMillis(200));
    }

    /** What one receiver has seen. */
    private static final class Track {
        long next;
        long missing;
        long outOfOrder;
    }

    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final Plan plan;
    private final String padding;

    // loop thread only
    private final Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private Histogram current = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private WireSession sender;
    private List<WireSession> receivers;
    private long sendStart;
    private long sent;
    private boolean sending;
    private long delivered;
    private long missingTotal;
    private long deliveredInInterval;
    private long pingsSent;
    private int closedDuringRun;
    private String firstClose;
    private CompletableFuture<Void> drained;

    SoakScenario(Bench bench, Plan plan) {
        super(bench, Target.HUB);
        this.plan = plan;
        this.padding = "x".repeat(Math.max(0, plan.payloadBytes() - 24));
    }

    @Override
    Result run() throws ScenarioException {
        Bench.ServerStats before = bench.stats(false, true);
        long openStart = System.nanoTime();
        receivers = open(WireSession.Work.BROADCAST, plan.receivers(), Duration.ofSeconds(300));
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        List<WireSession> all = new ArrayList<>(receivers);
        try {
            sender = open(WireSession.Work.BROADCAST, 1, Duration.ofSeconds(30)).get(0);
            all.add(sender);
            Bench.ServerStats opened = bench.stats(false, true);
            Snapshot from = snapshot();
            Snapshot previous = from;
            long start = onLoop(this::begin);
            List<Map<String, Object>> intervals = new ArrayList<>();
            long intervalNanos = plan.interval().toNanos();
            int rows = (int) Math.max(1, plan.duration().toNanos() / intervalNanos);
            for (int row = 1; row <= rows; row++) {
                sleepUntil(start + row * intervalNanos);
                Map<String, Object> figures = onLoop(this::cut);
                Bench.ServerStats server = bench.stats(false, false);
                Snapshot now = new Snapshot(System.nanoTime(), server.cpuNanos(), clientCpuNanos(), loadAverage());
                figures.put("seconds", (now.wallNanos() - start) / 1e9);
                figures.put("heapUsed", server.heapUsed());
                figures.put("heapAfterLastGc", server.heapAfterLastGc());
                figures.put("serverCpuCores", (now.serverCpuNanos() - previous.serverCpuNanos())
                        / (double) (now.wallNanos() - previous.wallNanos()));
                figures.put("loadAverage", now.loadAverage());
                previous = now;
                intervals.add(figures);
                System.out.println("[loadgen] soak " + row + "/" + rows + " " + figures);
            }
            Snapshot to = snapshot();
            onLoop(this::stop);
            try {
                drained.get(DRAIN_NANOS, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // counted below as missing
            } catch (InterruptedException | ExecutionException e) {
                throw new ScenarioException("interrupted");
            }
            Bench.ServerStats end = bench.stats(false, true);
            return onLoop(() -> {
                bench.loop().ticker(null);
                long missing = 0;
                long outOfOrder = 0;
                for (WireSession receiver : receivers) {
                    Track track = (Track) receiver.attachment();
                    missing += track.missing + (sent - track.next);
                    outOfOrder += track.outOfOrder;
                }
                double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
                Result result = new Result("soak", target)
                        .put("receivers", plan.receivers())
                        .put("rate", plan.rate())
                        .put("payloadBytes", plan.payloadBytes())
                        .put("durationSeconds", seconds)
                        .put("intervalSeconds", plan.interval().toMillis() / 1000.0)
                        .put("keepAliveSeconds", plan.keepAlive().toMillis() / 1000.0)
                        .put("openSeconds", openSeconds)
                        .put("broadcastsSent", sent)
                        .put("deliveries", delivered)
                        .put("expectedDeliveries", sent * plan.receivers())
                        .put("lostToHealthyClients", missing)
                        .put("outOfOrder", outOfOrder)
                        .put("sessionsClosedDuringRun", closedDuringRun)
                        .put("keepAlivesSent", pingsSent)
                        .put("deliveriesPerSecond", delivered / seconds)
                        .put("heapBefore", before.heapUsed())
                        .put("heapOpened", opened.heapUsed())
                        .put("heapEnd", end.heapUsed())
                        .put("heapGrowthDuringRunBytes", end.heapUsed() - opened.heapUsed())
                        .put("intervals", intervals);
                result.latency("latency", total);
                usage(result, from, to, delivered);
                if (closedDuringRun > 0) {
                    result.put("error", closedDuringRun + " sessions ended during the soak; first: " + firstClose);
                } else if (missing > 0 || outOfOrder > 0) {
                    result.put("error", missing + " deliveries lost to healthy clients, " + outOfOrder
                            + " out of order");
                }
                return result;
            });
        } finally {
            onLoop(() -> {
                bench.loop().ticker(null);
                return null;
            });
            closeAll(all);
        }
    }

    private long begin() {
        long now = System.nanoTime();
        drained = new CompletableFuture<>();
        sender.handler(this);
        for (WireSession receiver : receivers) {
            receiver.attach(new Track());
            receiver.handler(this);
        }
        sendStart = now;
        sending = true;
        bench.loop().ticker(this::tick);
        return now;
    }

    /** Sends the broadcasts that are due, and spreads the receivers' keep-alives over their interval. */
    private long tick(long now) {
        if (sending) {
            long due = (long) ((now - sendStart) / 1e9 * plan.rate()) + 1;
            while (sent < due) {
                sender.sendBroadcast(sent + ":" + System.nanoTime() + ":" + padding);
                sent++;
            }
        }
        long keepAlive = plan.keepAlive().toNanos();
        long pingsDue = (now - sendStart) * receivers.size() / keepAlive;
        while (pingsSent < pingsDue) {
            receivers.get((int) (pingsSent % receivers.size())).keepAlive();
            pingsSent++;
        }
        long nextBroadcast = sending ? (long) (1e9 / plan.rate()) : Long.MAX_VALUE;
        return Math.max(200_000L, Math.min(nextBroadcast, keepAlive / receivers.size()));
    }

    /** The figures of the interval that ends now; a new one begins. */
    private Map<String, Object> cut() {
        Map<String, Object> row = new LinkedHashMap<>();
        Histogram h = current;
        current = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        row.put("deliveries", deliveredInInterval);
        row.put("deliveriesPerSecond", deliveredInInterval / (plan.interval().toNanos() / 1e9));
        deliveredInInterval = 0;
        row.put("p50Micros", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0);
        row.put("p99Micros", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0);
        row.put("p999Micros", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99.9) / 1000.0);
        row.put("maxMicros", h.getMaxValue() / 1000.0);
        row.put("lostSoFar", missingTotal);
        row.put("sessionsClosed", closedDuringRun);
        return row;
    }

    private Object stop() {
        sending = false;
        checkDrained();
        return null;
    }

    private void checkDrained() {
        if (!sending && delivered + missingTotal >= sent * receivers.size()) {
            drained.complete(null);
        }
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
        Track track = (Track) session.attachment();
        if (seq < 0 || sentAt < 0 || track == null) {
            return; // not one of this run's broadcasts
        }
        if (seq > track.next) {
            track.missing += seq - track.next;
            missingTotal += seq - track.next;
        } else if (seq < track.next) {
            track.outOfOrder++;
        }
        track.next = Math.max(track.next, seq + 1);
        long latency = Math.max(0, Math.min(now - sentAt, total.getHighestTrackableValue()));
        total.recordValue(latency);
        current.recordValue(latency);
        delivered++;
        deliveredInInterval++;
        if (!sending) {
            checkDrained();
        }
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        closedDuringRun++;
        if (firstClose == null) {
            firstClose = reason;
        }
        if (drained != null && !sending) {
            drained.complete(null);
        }
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
