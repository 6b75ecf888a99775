package dev.hubs.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The echo: N sessions call the echo and measure the round trip.
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@code rate == 0}): each session keeps {@code inFlight} calls outstanding and sends
 *       the next one when an answer arrives: the throughput the server sustains, and the latency at that load.</li>
 *   <li><b>Open loop</b> ({@code rate > 0}): calls leave at a fixed total rate, spread round-robin over the
 *       sessions, whether or not answers came back; latency counts from when a call was due, not from when it
 *       left, so that a stalled server is not hidden (no coordinated omission). Used at half of the peak rate.</li>
 * </ul>
 * Calls that complete inside the measurement window count; the warm-up before it lets the JIT compile the paths.
 */
final class EchoScenario extends Scenario implements SessionHandler {

    /** An open loop gives up on a session with this many calls outstanding (and counts the call as skipped). */
    private static final int MAX_OUTSTANDING_OPEN_LOOP = 256;

    private final String name;
    private final int connections;
    private final int inFlight;
    private final double rate;
    private final Duration warmup;
    private final Duration measure;

    // loop thread only
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private long measureStart;
    private long measureEnd;
    private boolean sending;
    private long completed;
    private long outstanding;
    private long skipped;
    private String failure;
    private List<WireSession> sessions;
    private long nextDue;
    private long interval;
    private int roundRobin;
    private CompletableFuture<Void> drained;

    EchoScenario(Bench bench, Target target, String name, int connections, int inFlight, double rate,
                 Duration warmup, Duration measure) {
        super(bench, target);
        this.name = name;
        this.connections = connections;
        this.inFlight = inFlight;
        this.rate = rate;
        this.warmup = warmup;
        this.measure = measure;
    }

    /** Per-session state: the send time of each outstanding call, in a ring indexed by call id. */
    private static final class Calls {
        final long[] sentAt;
        final int mask;
        long nextId;
        int outstanding;

        Calls(int capacity) {
            int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
            sentAt = new long[size];
            mask = size - 1;
        }
    }

    @Override
    Result run() throws ScenarioException {
        sessions = open(WireSession.Work.ECHO, connections, Duration.ofSeconds(120));
        try {
            long start = onLoop(this::begin);
            sleepUntil(start + warmup.toNanos());
            measureStarting();
            Snapshot from = snapshot();
            sleepUntil(start + warmup.toNanos() + measure.toNanos());
            Snapshot to = snapshot();
            measureEnded();
            onLoop(this::stop);
            try {
                drained.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                onLoop(() -> fail(outstanding + " calls unanswered 10 s after the end"));
            } catch (InterruptedException | ExecutionException e) {
                throw new ScenarioException("interrupted");
            }
            String failed = onLoop(() -> failure);
            if (failed != null) {
                throw new ScenarioException(failed);
            }
            return onLoop(() -> {
                double seconds = (measureEnd - measureStart) / 1e9;
                Result result = new Result(name, target)
                        .put("connections", connections)
                        .put("inFlight", rate > 0 ? null : inFlight)
                        .put("targetRate", rate > 0 ? rate : null)
                        .put("payloadBytes", bench.echoPayload().length())
                        .put("warmupSeconds", warmup.toMillis() / 1000.0)
                        .put("durationSeconds", seconds)
                        .put("calls", completed)
                        .put("callsPerSecond", completed / seconds)
                        .put("skippedCalls", skipped);
                result.latency("latency", latency);
                usage(result, from, to, completed);
                return result;
            });
        } finally {
            closeAll(sessions);
        }
    }

    private long begin() {
        long now = System.nanoTime();
        measureStart = now + warmup.toNanos();
        measureEnd = measureStart + measure.toNanos();
        drained = new CompletableFuture<>();
        sending = true;
        int capacity = rate > 0 ? MAX_OUTSTANDING_OPEN_LOOP : inFlight;
        for (WireSession session : sessions) {
            session.attach(new Calls(capacity));
            session.handler(this);
        }
        if (rate > 0) {
            interval = Math.max(1, Math.round(1e9 / rate));
            nextDue = now;
            bench.loop().ticker(this::tick);
        } else {
            for (WireSession session : sessions) {
                for (int i = 0; i < inFlight; i++) {
                    call(session, now);
                }
            }
        }
        return now;
    }

    private String fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        return failure;
    }

    private Object stop() {
        sending = false;
        bench.loop().ticker(null);
        if (outstanding == 0) {
            drained.complete(null);
        }
        return null;
    }

    /** Open loop: sends every call that is due; returns how long the loop may wait. */
    private long tick(long now) {
        if (!sending) {
            return Long.MAX_VALUE;
        }
        while (nextDue - now <= 0 && nextDue - measureEnd < 0) {
            WireSession session = sessions.get(roundRobin);
            roundRobin = (roundRobin + 1) % sessions.size();
            Calls calls = (Calls) session.attachment();
            if (calls.outstanding >= MAX_OUTSTANDING_OPEN_LOOP) {
                if (nextDue - measureStart >= 0) {
                    skipped++;
                }
            } else {
                call(session, nextDue);
            }
            nextDue += interval;
        }
        return nextDue - now;
    }

    private void call(WireSession session, long due) {
        Calls calls = (Calls) session.attachment();
        long id = calls.nextId++;
        calls.sentAt[(int) (id & calls.mask)] = due;
        calls.outstanding++;
        outstanding++;
        session.sendEcho(id);
    }

    @Override
    public void onEchoReply(WireSession session, long id, long now) {
        Calls calls = (Calls) session.attachment();
        if (calls == null || calls.outstanding == 0) {
            return;
        }
        long sentAt = calls.sentAt[(int) (id & calls.mask)];
        calls.outstanding--;
        outstanding--;
        if (now - measureStart >= 0 && now - measureEnd < 0) {
            latency.recordValue(Math.max(0, Math.min(now - sentAt, latency.getHighestTrackableValue())));
            completed++;
        }
        if (sending && rate == 0) {
            if (now - measureEnd < 0) {
                call(session, now);
            }
        } else if (!sending && outstanding == 0) {
            drained.complete(null);
        }
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        fail("a " + target.id() + " session ended during the run: " + reason);
        Calls calls = (Calls) session.attachment();
        if (calls != null) {
            outstanding -= calls.outstanding;
            calls.outstanding = 0;
        }
        if (!sending && outstanding == 0 && drained != null) {
            drained.complete(null);
        }
    }

    @Override
    public void onReady(WireSession session) {
        // sessions arrive ready
    }

    @Override
    public void onDelivery(WireSession session, byte[] buffer, int offset, int length, long now) {
        // the echo receives no broadcasts
    }
}
