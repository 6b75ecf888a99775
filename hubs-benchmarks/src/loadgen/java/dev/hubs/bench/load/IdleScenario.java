package dev.hubs.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle connections: N sessions are opened and held for a while with their protocol's keep-alive (hub clients send
 * a Ping record every 15 s, as the official clients do, and answer nothing else; Socket.IO clients answer the
 * server's pings; raw WebSockets have no keep-alive), then the server's used heap after a full collection is read
 * and compared with the same reading before the sessions were opened. The difference per session is what one idle
 * connection costs the server's heap. The resident set size is compared the same way (it also holds the
 * connection's native buffers), and a third reading after the sessions are closed shows whether the server let
 * everything go.
 */
final class IdleScenario extends Scenario implements SessionHandler {

    private final int connections;
    private final Duration hold;
    private final Duration keepAliveInterval;
    private final Jcmd jcmd;

    // loop thread only
    private List<WireSession> sessions;
    private long pingsStart;
    private long pingsSent;
    private int dropped;
    private String firstDrop;

    IdleScenario(Bench bench, Target target, int connections, Duration hold, Duration keepAliveInterval,
                 Jcmd jcmd) {
        super(bench, target);
        this.connections = connections;
        this.hold = hold;
        this.keepAliveInterval = keepAliveInterval;
        this.jcmd = target.node() ? null : jcmd;
    }

    @Override
    Result run() throws ScenarioException {
        Bench.ServerStats before = bench.stats(target.node(), true);
        Map<String, long[]> histogramBefore = histogram();
        long openStart = System.nanoTime();
        sessions = open(WireSession.Work.ECHO, connections, Duration.ofSeconds(300));
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        try {
            onLoop(this::begin);
            sleepUntil(System.nanoTime() + hold.toNanos());
            onLoop(() -> {
                bench.loop().ticker(null);
                return null;
            });
            Bench.ServerStats held = bench.stats(target.node(), true);
            Map<String, long[]> histogramHeld = histogram();
            int lost = onLoop(() -> dropped);
            String lostReason = onLoop(() -> firstDrop);
            closeAll(sessions);
            // Let the server notice the closes and drop what it held (bounded by the hold time for tiny runs).
            sleepUntil(System.nanoTime() + Math.min(TimeUnit.SECONDS.toNanos(2), hold.toNanos()));
            Bench.ServerStats closed = bench.stats(target.node(), true);
            if (lost > 0) {
                throw new ScenarioException(lost + " of " + connections + " idle " + target.id()
                        + " sessions ended while held; first: " + lostReason);
            }
            Result result = new Result("idle", target)
                    .put("connections", connections)
                    .put("holdSeconds", hold.toMillis() / 1000.0)
                    .put("openSeconds", openSeconds)
                    .put("keepAlivesSent", onLoop(() -> pingsSent))
                    .put("heapBefore", before.heapUsed())
                    .put("heapHeld", held.heapUsed())
                    .put("heapAfterClose", closed.heapUsed())
                    .put("heapBytesPerConnection", (held.heapUsed() - before.heapUsed()) / (double) connections)
                    .put("heapRetainedAfterCloseBytes", closed.heapUsed() - before.heapUsed())
                    .put("rssBefore", before.rss())
                    .put("rssHeld", held.rss())
                    .put("rssBytesPerConnection", before.rss() < 0 ? null
                            : (held.rss() - before.rss()) / (double) connections);
            if (histogramBefore != null && histogramHeld != null) {
                result.put("heapByClass", Jcmd.growth(histogramBefore, histogramHeld, connections, 60));
            }
            return result;
        } finally {
            closeAll(sessions);
        }
    }

    private Map<String, long[]> histogram() {
        if (jcmd == null) {
            return null;
        }
        try {
            return jcmd.histogram();
        } catch (IOException e) {
            System.err.println("[loadgen] no class histogram: " + e.getMessage());
            return null;
        }
    }

    private Object begin() {
        for (WireSession session : sessions) {
            session.handler(this);
        }
        pingsStart = System.nanoTime();
        if (target == Target.HUB) {
            bench.loop().ticker(this::keepAlive);
        }
        return null;
    }

    /** Spreads the sessions' keep-alives evenly over the interval, each session once per interval. */
    private long keepAlive(long now) {
        long interval = keepAliveInterval.toNanos();
        long due = (now - pingsStart) * sessions.size() / interval;
        while (pingsSent < due) {
            sessions.get((int) (pingsSent % sessions.size())).keepAlive();
            pingsSent++;
        }
        return Math.max(1_000_000L, interval / sessions.size());
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        dropped++;
        if (firstDrop == null) {
            firstDrop = reason;
        }
    }

    @Override
    public void onReady(WireSession session) {
    }

    @Override
    public void onEchoReply(WireSession session, long id, long now) {
    }

    @Override
    public void onDelivery(WireSession session, byte[] buffer, int offset, int length, long now) {
    }
}
