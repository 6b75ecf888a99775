package dev.hubs.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketWritersTest {

    private static final long WAIT_SECONDS = 10;

    private final WebSocketWriters writers = new WebSocketWriters();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        writers.close();
    }

    @Test
    void tasksRunOnWriterThreadsWhereSendsMayBlock() throws Exception {
        assertFalse(writers.onWriterThread(), "the test's thread is not a writer");
        AtomicReference<Boolean> onWriter = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);

        writers.execute(() -> {
            onWriter.set(writers.onWriterThread());
            ran.countDown();
        }, error -> { });

        assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(onWriter.get());
    }

    @Test
    void stuckSendsDoNotStopOtherWrites() throws Exception {
        int stuckSends = Runtime.getRuntime().availableProcessors() + 2; // more than the core threads
        CountDownLatch stuck = new CountDownLatch(stuckSends);
        for (int i = 0; i < stuckSends; i++) {
            writers.execute(() -> send(new Probe(TimeUnit.MINUTES.toNanos(1)), () -> {
                stuck.countDown();
                release.await();
            }), error -> { });
        }
        CountDownLatch quick = new CountDownLatch(1);

        writers.execute(quick::countDown, error -> { });

        assertTrue(quick.await(WAIT_SECONDS, TimeUnit.SECONDS), "a thread is added for the stuck ones");
        assertTrue(stuck.await(WAIT_SECONDS, TimeUnit.SECONDS), "every stuck send got a thread too");
    }

    @Test
    void aSlowSendIsReportedAndAStalledOneEndsItsConnectionOnce() throws Exception {
        Probe probe = new Probe(TimeUnit.MILLISECONDS.toNanos(300));

        writers.execute(() -> send(probe, release::await), error -> { });

        assertTrue(probe.slow.await(WAIT_SECONDS, TimeUnit.SECONDS), "the send is reported as slow");
        Long stalledMillis = probe.stalled.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(stalledMillis, "the send is reported as stalled");
        assertTrue(stalledMillis >= 300, "after the stall limit: " + stalledMillis);
        release.countDown();
        CountDownLatch after = new CountDownLatch(1);
        writers.execute(after::countDown, error -> { });
        assertTrue(after.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, probe.stalledReports.get(), "a stalled send is reported once");
    }

    @Test
    void aQuickSendIsNotSlow() throws Exception {
        Probe probe = new Probe(TimeUnit.MINUTES.toNanos(1));
        CountDownLatch sent = new CountDownLatch(1);

        writers.execute(() -> {
            send(probe, () -> { });
            sent.countDown();
        }, error -> { });

        assertTrue(sent.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, probe.slow.getCount(), "not reported as slow");
    }

    @Test
    void aClosedPoolRefusesTasks() {
        writers.close();
        AtomicReference<Throwable> refused = new AtomicReference<>();

        writers.execute(() -> { }, refused::set);

        assertNotNull(refused.get());
    }

    private void send(Probe probe, WebSocketWriters.BlockingSend send) {
        try {
            writers.send(probe, send);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Records what the monitor reports. */
    private static final class Probe implements WebSocketWriters.Sending {
        final CountDownLatch slow = new CountDownLatch(1);
        final java.util.concurrent.BlockingQueue<Long> stalled = new java.util.concurrent.LinkedBlockingQueue<>();
        final AtomicInteger stalledReports = new AtomicInteger();
        private final long stallLimitNanos;

        Probe(long stallLimitNanos) {
            this.stallLimitNanos = stallLimitNanos;
        }

        @Override
        public void slow() {
            slow.countDown();
        }

        @Override
        public long stallLimitNanos() {
            return stallLimitNanos;
        }

        @Override
        public void stalled(long stalledMillis) {
            stalledReports.incrementAndGet();
            stalled.add(stalledMillis);
        }
    }
}
