package dev.hubs.core.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class OutboundQueueTest {

    private static final String RS = "\u001e";
    private static final long WAIT_MS = 5_000;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger written = new AtomicInteger();

    private OutboundQueue queue(int capacity, int maxBatchChars) {
        return new OutboundQueue(capacity, maxBatchChars) {
            @Override
            void written() {
                written.incrementAndGet();
            }

            @Override
            void writeFailed(Throwable error) {
                failure.set(error);
            }
        };
    }

    private static String record(String text) {
        return text + RS;
    }

    @Test
    void writesAsSoonAsAttachedAndKeepsEarlierRecordsFirst() {
        OutboundQueue queue = queue(10, 1024);
        assertTrue(queue.offer(record("a")));
        assertTrue(queue.offer(record("b")));
        assertEquals(2, queue.size());
        RecordingChannel channel = RecordingChannel.sync();
        queue.attach(channel);
        assertTrue(queue.offer(record("c")));
        assertEquals(List.of("a", "b", "c"), channel.records());
        assertEquals(0, queue.size());
        assertEquals(channel.writes().size(), written.get(), "onWritten once per successful write");
    }

    @Test
    void recordsQueuedDuringAWriteLeaveTogetherInTheNextWriteInOrder() throws Exception {
        OutboundQueue queue = queue(100, 16 * 1024);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        queue.offer(record("1"));
        assertEquals(List.of(record("1")), channel.writes());
        queue.offer(record("2"));
        queue.offer(record("3"));
        queue.offer(record("4"));
        assertEquals(1, channel.writes().size(), "no second write while the first is in flight");
        assertTrue(channel.completeNext(WAIT_MS));
        assertEquals(List.of(record("1"), record("2") + record("3") + record("4")), channel.writes());
        assertTrue(channel.completeNext(WAIT_MS));
        assertEquals(2, channel.writes().size());
        assertEquals(0, queue.size());
        assertEquals(1, channel.maxInFlight());
    }

    @Test
    void batchesAreCutAroundTheCharacterLimit() throws Exception {
        OutboundQueue queue = queue(100, 10);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        queue.offer(record("first"));
        for (int i = 0; i < 6; i++) {
            queue.offer(record("abcd" + i)); // 6 chars each
        }
        while (channel.completeNext(50)) {
            // drain
        }
        List<String> writes = channel.writes();
        assertEquals(record("first"), writes.get(0));
        assertEquals(record("abcd0") + record("abcd1"), writes.get(1));
        assertEquals(record("abcd2") + record("abcd3"), writes.get(2));
        assertEquals(record("abcd4") + record("abcd5"), writes.get(3));
        assertEquals(4, writes.size());
    }

    @Test
    void manyOfferingThreadsOneWriteInFlightNothingLostOrderKept() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        OutboundQueue queue = queue(threads * perThread, 256);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        CountDownLatch allWritten = channel.expectRecords(threads * perThread);
        AtomicBoolean stop = new AtomicBoolean();
        Thread completer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    channel.completeNext(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "completer");
        completer.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> refused = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                refused.add(pool.submit(() -> {
                    start.await();
                    int notQueued = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (!queue.offer(record(thread + ":" + i))) {
                            notQueued++;
                        }
                    }
                    return notQueued;
                }));
            }
            start.countDown();
            for (Future<Integer> f : refused) {
                assertEquals(0, f.get(WAIT_MS, TimeUnit.MILLISECONDS));
            }
            assertTrue(allWritten.await(WAIT_MS, TimeUnit.MILLISECONDS), "all records written");
        } finally {
            stop.set(true);
            completer.join(WAIT_MS);
            pool.shutdownNow();
        }
        assertEquals(1, channel.maxInFlight(), "more than one write in flight");
        int[] next = new int[threads];
        for (String r : channel.records()) {
            String[] parts = r.split(":");
            int thread = Integer.parseInt(parts[0]);
            assertEquals(next[thread], Integer.parseInt(parts[1]), "order of thread " + thread);
            next[thread]++;
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "records of thread " + t);
        }
        assertTrue(channel.writes().size() < threads * perThread, "records were batched");
    }

    @Test
    void manyOfferingThreadsWithInlineCompletions() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        OutboundQueue queue = queue(threads * perThread, 256);
        RecordingChannel channel = RecordingChannel.sync();
        queue.attach(channel);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        assertTrue(queue.offer(record(thread + ":" + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(WAIT_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, channel.maxInFlight());
        int[] next = new int[threads];
        for (String r : channel.records()) {
            String[] parts = r.split(":");
            int thread = Integer.parseInt(parts[0]);
            assertEquals(next[thread]++, Integer.parseInt(parts[1]));
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t]);
        }
    }

    @Test
    void synchronousCompletionsDoNotRecurse() {
        int count = 100_000;
        OutboundQueue queue = queue(count, 1); // no batching: one write per record
        for (int i = 0; i < count; i++) {
            assertTrue(queue.offer(record("r")));
        }
        RecordingChannel channel = RecordingChannel.sync();
        queue.attach(channel); // drains 100 000 inline completions
        assertEquals(count, channel.writes().size());
        assertEquals(count, channel.recordsWritten());
        assertEquals(0, queue.size());
        assertEquals(count, written.get());
    }

    @Test
    void overflowBeyondCapacityReturnsFalse() throws Exception {
        OutboundQueue queue = queue(3, 1024);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        assertTrue(queue.offer(record("1"))); // in flight, still counted
        assertTrue(queue.offer(record("2")));
        assertTrue(queue.offer(record("3")));
        assertFalse(queue.offer(record("4")));
        assertFalse(queue.offer(record("5")));
        assertEquals(3, queue.size());
        assertTrue(channel.completeNext(WAIT_MS)); // "1" done; "2"+"3" in flight
        assertTrue(queue.offer(record("6")));
        assertFalse(queue.offer(record("7")));
        while (channel.completeNext(50)) {
            // drain
        }
        assertEquals(List.of("1", "2", "3", "6"), channel.records());
        assertEquals(0, queue.size());
    }

    @Test
    void overflowWithoutTransport() {
        OutboundQueue queue = queue(2, 1024);
        assertTrue(queue.offer(record("1")));
        assertTrue(queue.offer(record("2")));
        assertFalse(queue.offer(record("3")));
    }

    @Test
    void failedWriteCallsFailureCallbackAndRefusesMore() throws Exception {
        OutboundQueue queue = queue(10, 1024);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        queue.offer(record("1"));
        queue.offer(record("2"));
        IOException broken = new IOException("broken pipe");
        assertTrue(channel.failNext(broken, WAIT_MS));
        assertSame(broken, failure.get());
        assertFalse(queue.offer(record("3")));
        assertEquals(List.of(record("1")), channel.writes(), "nothing written after the failure");
        assertEquals(0, channel.pendingWrites());
        assertEquals(0, written.get());
    }

    @Test
    void failedInlineWriteStopsTheDrainLoop() {
        OutboundQueue queue = queue(10, 1);
        queue.offer(record("1"));
        queue.offer(record("2"));
        IOException broken = new IOException("reset");
        List<String> writes = new ArrayList<>();
        queue.attach(new TransportChannel() {
            @Override
            public String name() {
                return "WebSockets";
            }

            @Override
            public void write(String text, java.util.function.Consumer<Throwable> completion) {
                writes.add(text);
                completion.accept(broken);
            }

            @Override
            public void close(Throwable error) {
            }
        });
        assertSame(broken, failure.get());
        assertEquals(List.of(record("1")), writes);
        assertFalse(queue.offer(record("3")));
    }

    @Test
    void closeWhenDrainedClosesOnlyAfterQueuedRecordsWereWritten() throws Exception {
        OutboundQueue queue = queue(10, 1024);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        queue.offer(record("1"));
        queue.offer(record("2"));
        queue.offer(record("3"));
        queue.closeWhenDrained();
        assertFalse(queue.offer(record("late")), "no record accepted after closeWhenDrained");
        assertFalse(channel.isClosed());
        assertTrue(channel.completeNext(WAIT_MS)); // "1"
        assertFalse(channel.isClosed(), "closed before the queued records were written");
        assertTrue(channel.completeNext(WAIT_MS)); // "2" + "3"
        assertTrue(channel.isClosed());
        assertEquals(List.of("1", "2", "3"), channel.records());
        assertFalse(channel.writtenAfterClose());
        assertEquals(null, channel.closeError());
    }

    @Test
    void closeWhenDrainedOnAnIdleQueueClosesAtOnce() {
        OutboundQueue queue = queue(10, 1024);
        RecordingChannel channel = RecordingChannel.sync();
        queue.attach(channel);
        queue.offer(record("1"));
        queue.closeWhenDrained();
        assertTrue(channel.isClosed());
        assertEquals(List.of("1"), channel.records());
    }

    @Test
    void closeWhenDrainedBeforeAttachClosesAfterWritingOnAttach() {
        OutboundQueue queue = queue(10, 1024);
        queue.offer(record("1"));
        queue.closeWhenDrained();
        RecordingChannel channel = RecordingChannel.sync();
        queue.attach(channel);
        assertEquals(List.of("1"), channel.records());
        assertTrue(channel.isClosed());
    }

    /**
     * A write that completes inline, while another thread queues a record and calls closeWhenDrained: the record must
     * still be written and the channel closed. Deterministic interleaving: the inline write waits on a latch until
     * the other thread is done.
     */
    @Test
    void closeWhenDrainedDuringAnInlineWriteStillWritesAndCloses() throws Exception {
        OutboundQueue queue = queue(10, 1024);
        CountDownLatch inWrite = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        RecordingChannel channel = new RecordingChannel(RecordingChannel.Mode.SYNC) {
            @Override
            protected void beforeCompletion(String text) {
                if (text.equals(record("1"))) {
                    inWrite.countDown();
                    try {
                        assertTrue(proceed.await(WAIT_MS, TimeUnit.MILLISECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        queue.attach(channel);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = writer.submit(() -> queue.offer(record("1")));
            assertTrue(inWrite.await(WAIT_MS, TimeUnit.MILLISECONDS));
            assertTrue(queue.offer(record("2")));   // the writer thread is busy: queued
            queue.closeWhenDrained();               // the writer thread is busy: deferred
            proceed.countDown();                    // the write of "1" now completes inline
            assertTrue(first.get(WAIT_MS, TimeUnit.MILLISECONDS));
        } finally {
            writer.shutdownNow();
        }
        assertEquals(List.of("1", "2"), channel.records(), "record queued before closeWhenDrained was lost");
        assertTrue(channel.awaitClosed(Duration.ofMillis(WAIT_MS)), "channel never closed");
    }

    @Test
    void discardDropsQueuedRecordsAndRefusesMore() throws Exception {
        OutboundQueue queue = queue(10, 1024);
        RecordingChannel channel = RecordingChannel.manual();
        queue.attach(channel);
        queue.offer(record("1"));
        queue.offer(record("2"));
        queue.discard();
        assertFalse(queue.offer(record("3")));
        assertTrue(channel.completeNext(WAIT_MS));
        assertEquals(List.of("1"), channel.records());
        assertEquals(0, channel.pendingWrites());
    }
}
