package dev.hubs.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens many sessions with a bounded number of openings in flight, on the loop thread, and hands them over once
 * all are ready (or failed).
 */
final class Opener implements SessionHandler {

    private final Bench bench;
    private final Target target;
    private final WireSession.Work work;
    private final int total;
    private final int concurrency;
    private final List<WireSession> ready = new ArrayList<>();
    private final CompletableFuture<List<WireSession>> done = new CompletableFuture<>();
    private int started;
    private int inProgress;
    private int failed;
    private int droppedAfterReady;
    private String firstFailure;

    Opener(Bench bench, Target target, WireSession.Work work, int total, int concurrency) {
        this.bench = bench;
        this.target = target;
        this.work = work;
        this.total = total;
        this.concurrency = Math.max(1, concurrency);
    }

    /** Starts opening; loop thread. */
    CompletableFuture<List<WireSession>> start() {
        startMore();
        return done;
    }

    int failed() {
        return failed + droppedAfterReady;
    }

    String firstFailure() {
        return firstFailure;
    }

    /** Gives up on what is still opening; loop thread. */
    void abandon() {
        done.complete(List.copyOf(ready));
    }

    private void startMore() {
        while (inProgress < concurrency && started < total) {
            started++;
            inProgress++;
            WireSession.create(bench, target, work, this).start();
        }
        if (ready.size() + failed + droppedAfterReady == total) {
            done.complete(List.copyOf(ready));
        }
    }

    @Override
    public void onReady(WireSession session) {
        inProgress--;
        ready.add(session);
        startMore();
    }

    @Override
    public void onClosed(WireSession session, String reason) {
        if (firstFailure == null) {
            firstFailure = reason;
        }
        if (ready.remove(session)) {
            droppedAfterReady++;
        } else {
            inProgress--;
            failed++;
        }
        startMore();
    }

    @Override
    public void onEchoReply(WireSession session, long id, long now) {
        // nothing is sent while opening
    }

    @Override
    public void onDelivery(WireSession session, byte[] buffer, int offset, int length, long now) {
        // a broadcast of an earlier run that was still on its way: ignored
    }
}
