package dev.hubs.core.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvocationGateTest {

    private static final long TIMEOUT_SECONDS = 5;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void withALimitOfOneTasksRunInOrderOneAtATime() {
        InvocationGate gate = new InvocationGate(1);
        List<String> log = new ArrayList<>();
        Runnable[] firstDone = new Runnable[1];
        gate.submit(done -> {
            log.add("first started");
            firstDone[0] = done;
        });
        gate.submit(done -> {
            log.add("second");
            done.run();
        });
        assertEquals(List.of("first started"), log, "the second waits for the first");
        assertTrue(gate.busy());
        firstDone[0].run();
        assertEquals(List.of("first started", "second"), log);
        assertFalse(gate.busy());
    }

    @Test
    void aLongQueueOfSynchronousTasksDoesNotDeepenTheStack() {
        InvocationGate gate = new InvocationGate(1);
        Runnable[] blocker = new Runnable[1];
        gate.submit(done -> blocker[0] = done);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100_000; i++) {
            gate.submit(done -> {
                ran.incrementAndGet();
                done.run();
            });
        }
        blocker[0].run();
        assertEquals(100_000, ran.get());
    }

    @Test
    void anExclusiveTaskRunsAloneAndHoldsLaterTasks() {
        InvocationGate gate = new InvocationGate(4);
        List<String> log = new ArrayList<>();
        Runnable[] exclusiveDone = new Runnable[1];
        gate.submitExclusive(done -> {
            log.add("exclusive");
            exclusiveDone[0] = done;
        });
        gate.submit(done -> {
            log.add("after");
            done.run();
        });
        assertEquals(List.of("exclusive"), log);
        exclusiveDone[0].run();
        assertEquals(List.of("exclusive", "after"), log);
    }

    @Test
    void withAnExecutorBlockingTasksRunSideBySideUpToTheLimit() throws Exception {
        InvocationGate gate = new InvocationGate(2, pool);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(3);
        AtomicInteger running = new AtomicInteger();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            gate.submit(done -> {
                seen.add(running.incrementAndGet());
                bothRunning.countDown();
                try {
                    release.await(TIMEOUT_SECONDS, TimeUnit.SECONDS); // a blocking hub method
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.run();
                allDone.countDown();
            });
        }
        assertTrue(bothRunning.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "two blocking tasks run at once");
        assertEquals(1, gate.waiting(), "the third waits for a free slot");
        release.countDown();
        assertTrue(allDone.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertTrue(seen.stream().allMatch(n -> n <= 2), "never more than the limit at once: " + seen);
        assertFalse(gate.busy());
    }

    @Test
    void closingDropsWaitingTasks() {
        InvocationGate gate = new InvocationGate(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable[] blocker = new Runnable[1];
        gate.submit(done -> blocker[0] = done);
        gate.submit(done -> {
            ran.incrementAndGet();
            done.run();
        });
        gate.close();
        blocker[0].run();
        gate.submit(done -> ran.incrementAndGet());
        assertEquals(0, ran.get());
    }

    @Test
    void idleSinceMovesWhenTheLastTaskEnds() {
        InvocationGate gate = new InvocationGate(1);
        long before = gate.idleSinceNanos();
        Runnable[] done = new Runnable[1];
        gate.submit(d -> done[0] = d);
        done[0].run();
        assertTrue(gate.idleSinceNanos() - before >= 0);
        assertFalse(gate.busy());
    }
}
