package dev.hubs.bench.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broadcast: one sender, N receivers. The sender keeps {@code window} broadcasts in flight: a broadcast is done
 * when every receiver has it, and then the next one leaves. Each payload carries its sequence number and the time
 * it was sent, so every delivery gives a send-to-receive latency (the generator's clock on both ends).
 *
 * <p>Deliveries that arrive inside the measurement window count. A broadcast that does not reach every receiver
 * within 10 s stops the run with an error: no delivery may be lost.
 */
final class BroadcastScenario extends Scenario implements SessionHandler {

    private static final int RING = 1024;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final int receiverCount;
    private final int window;
    private final int payloadBytes;
    private final Duration warmup;
    private final Duration measure;

    // loop thread only
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final int[] remaining = new int[RING];
    private final String padding;
    private WireSession sender;
    private List<WireSession> receivers;
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

    BroadcastScenario(Bench bench, Target target, String name, int receivers, int window, int payloadBytes,
                      Duration warmup, Duration measure) {
        super(bench, target);
        if (window >= RING / 2) {
            throw new IllegalArgumentException("window must be below " + RING / 2);
        }
        this.name = name;
        this.receiverCount = receivers;
        this.window = window;
        this.payloadBytes = payloadBytes;
        this.warmup = warmup;
        this.measure = measure;
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < Math.max(0, payloadBytes - 24); i++) {
            pad.append('x');
        }
        this.padding = pad.toString();
    }

    @Override
    Result run() throws ScenarioException {
        receivers = open(WireSession.Work.BROADCAST, receiverCount, Duration.ofSeconds(120));
        List<WireSession> all = new ArrayList<>(receivers);
        try {
            List<WireSession> senders = open(WireSession.Work.BROADCAST, 1, Duration.ofSeconds(30));
            sender = senders.get(0);
            all.add(sender);
            long start = onLoop(this::begin);
            sleepUntil(start + warmup.toNanos());
            measureStarting();
            Snapshot from = snapshot();
            sleepUntil(start + warmup.toNanos() + measure.toNanos());
            Snapshot to = snapshot();
            measureEnded();
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
            return onLoop(() -> {
                double seconds = (measureEnd - measureStart) / 1e9;
                Result result = new Result(name, target)
                        .put("receivers", receiverCount)
                        .put("window", window)
                        .put("payloadBytes", payloadBytes)
                        .put("warmupSeconds", warmup.toMillis() / 1000.0)
                        .put("durationSeconds", seconds)
                        .put("deliveries", deliveries)
                        .put("deliveriesPerSecond", deliveries / seconds)
                        .put("broadcastsPerSecond", completedBroadcasts / seconds);
                result.latency("latency", latency);
                usage(result, from, to, deliveries);
                return result;
            });
        } finally {
            closeAll(all);
        }
    }

    private long begin() {
        long now = System.nanoTime();
        measureStart = now + warmup.toNanos();
        measureEnd = measureStart + measure.toNanos();
        lastProgress = now;
        drained = new CompletableFuture<>();
        sending = true;
        sender.handler(this);
        for (WireSession receiver : receivers) {
            receiver.handler(this);
        }
        for (int i = 0; i < window; i++) {
            broadcast(now);
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

    private void broadcast(long now) {
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
        if (now - measureStart >= 0 && now - measureEnd < 0) {
            latency.recordValue(Math.max(0, Math.min(now - sentAt, latency.getHighestTrackableValue())));
            deliveries++;
        }
        int slot = (int) (seq % RING);
        if (--remaining[slot] == 0) {
            outstanding--;
            if (now - measureStart >= 0 && now - measureEnd < 0) {
                completedBroadcasts++;
            }
            if (sending && now - measureEnd < 0) {
                broadcast(now);
            } else if (!sending && outstanding == 0) {
                drained.complete(null);
            }
        }
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        fail("a " + target.id() + " session ended during the run: " + reason);
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
