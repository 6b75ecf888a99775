package dev.hubs.core.lifetime;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.lifetime.contract.FakeHubConnection;
import dev.hubs.core.lifetime.contract.HubLifetimeManagerContract;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory manager against the contract, plus what only it promises: its counters return to zero (nothing
 * accumulates over millions of connections), and the invocation a connection receives is the very one sent.
 */
class DefaultHubLifetimeManagerContractTest extends HubLifetimeManagerContract {

    @Override
    protected HubLifetimeManager createManager() {
        return new DefaultHubLifetimeManager();
    }

    private DefaultHubLifetimeManager memory() {
        return (DefaultHubLifetimeManager) manager();
    }

    // ---------------------------------------------------------------- counters

    @Test
    void countsFollowConnectionsAndNonEmptyGroups() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        assertEquals(4, memory().connectionCount());

        join(a, "room", "g1", "g2");
        join(b, "room");
        join(b, "room");
        join(c, "g2");
        assertEquals(3, memory().groupCount());

        complete(manager().removeFromGroup("a", "room"));
        complete(manager().removeFromGroup("d", "room"));
        assertEquals(3, memory().groupCount(), "room keeps b");
        complete(manager().removeFromGroup("b", "room"));
        assertEquals(2, memory().groupCount(), "an emptied group is dropped");

        complete(manager().onDisconnected(a));
        assertEquals(1, memory().groupCount(), "g1 dropped with its last member, g2 keeps c");
        assertEquals(3, memory().connectionCount());

        for (FakeHubConnection connection : List.of(b, c, d)) {
            complete(manager().onDisconnected(connection));
        }
        assertEquals(0, memory().groupCount());
        assertEquals(0, memory().connectionCount());

        complete(manager().addToGroup("a", "g3"));
        complete(manager().addToGroup("unknown", "room"));
        assertEquals(0, memory().groupCount(), "joining for a gone or unknown connection leaves nothing behind");
    }

    @Test
    void theReceivedInvocationIsTheOneSent() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", null);
        join(a, "room");
        ClientInvocation m = message("same");
        complete(manager().sendAll(m));
        complete(manager().sendGroup("room", m));
        complete(manager().sendUser("alice", m));
        complete(manager().sendConnections(List.of("a", "b"), m));
        for (ClientInvocation received : a.nextMessages(4, TIMEOUT)) {
            assertSame(m, received);
        }
        for (ClientInvocation received : b.nextMessages(2, TIMEOUT)) {
            assertSame(m, received);
        }
    }

    // ---------------------------------------------------------------- concurrency, by the counters

    @Test
    void concurrentJoinsAndLeavesLeaveNoEmptyGroups() throws Exception {
        int perThread = 500;
        runConcurrently(8, thread -> {
            for (int i = 0; i < perThread; i++) {
                FakeHubConnection connection = new FakeHubConnection(thread + "-" + i, "user" + (i % 3));
                complete(manager().onConnected(connection));
                complete(manager().addToGroup(connection.connectionId(), "g" + (i % 5)));
                complete(manager().addToGroup(connection.connectionId(), "shared"));
                complete(manager().onDisconnected(connection));
            }
        });
        assertEquals(0, memory().groupCount());
        assertEquals(0, memory().connectionCount());
    }

    @Test
    void joinsRacingTheirDisconnectLeaveNoGroups() throws Exception {
        List<FakeHubConnection> racing = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            racing.add(connect("r" + i, "racer"));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        runConcurrently(2, thread -> {
            for (FakeHubConnection connection : racing) {
                together.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (thread == 0) {
                    complete(manager().addToGroup(connection.connectionId(), "room"));
                } else {
                    complete(manager().onDisconnected(connection));
                }
            }
        });
        assertEquals(0, memory().groupCount());
        assertEquals(0, memory().connectionCount());
    }

    /**
     * Forces, without luck, the race behind the contract test {@code joinAndLeaveRacingThenADisconnectLeaveNothingBehind}:
     * it swaps the manager's private {@code groups} map for one that pauses {@code addToGroup} between its two index
     * updates, and starts a {@code removeFromGroup} of the same connection in that gap. The manager serializes the
     * memberships of one connection, so the leave waits for the join instead of slipping between its two steps.
     */
    @Test
    void aLeaveBetweenTheTwoStepsOfAJoinDoesNotOutliveTheDisconnect() throws Exception {
        FakeHubConnection a = connect("a", null);
        PausingGroups groups = new PausingGroups();
        Field field = DefaultHubLifetimeManager.class.getDeclaredField("groups");
        field.setAccessible(true);
        field.set(memory(), groups);

        CompletableFuture<Void> join = CompletableFuture.runAsync(() -> complete(manager().addToGroup("a", "room")));
        assertTrue(groups.paused.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "addToGroup reached groups");
        CompletableFuture<Void> leave = CompletableFuture.runAsync(
                () -> complete(manager().removeFromGroup("a", "room")));
        groups.resume.countDown();
        complete(join);
        complete(leave);

        // Member or not, both are fair outcomes of the race while connected; after the disconnect, neither is.
        complete(manager().onDisconnected(a));
        ClientInvocation m = message("afterDisconnect");
        complete(manager().sendGroup("room", m));
        assertEquals(List.of(), a.received(), "a disconnected connection received a group message");
        assertEquals(0, memory().groupCount(), "a group still holds a disconnected connection");
    }

    /** The {@code groups} index, pausing its first {@code compute} until the test lets it go on. */
    private static final class PausingGroups extends ConcurrentHashMap<String, Set<HubConnection>> {
        private static final long serialVersionUID = 1L;
        final transient CountDownLatch paused = new CountDownLatch(1);
        final transient CountDownLatch resume = new CountDownLatch(1);

        @Override
        public Set<HubConnection> compute(String key, BiFunction<? super String, ? super Set<HubConnection>,
                ? extends Set<HubConnection>> remapping) {
            if (paused.getCount() > 0) {
                paused.countDown();
                try {
                    if (!resume.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("never resumed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return super.compute(key, remapping);
        }
    }

    // ---------------------------------------------------------------- serialize once

    @Test
    void serializedComputesOncePerKeyEvenUnderContention() throws Exception {
        ClientInvocation invocation = message("receive");
        Object format = new Object();
        AtomicInteger computed = new AtomicInteger();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return invocation.serialized(format, i -> "text-" + computed.incrementAndGet());
                }));
            }
            start.countDown();
            for (Future<String> f : results) {
                assertEquals("text-1", f.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, computed.get());
        assertEquals("other", invocation.serialized(new Object(), i -> "other"));
    }

    @Test
    void realConnectionsWriteTheOneSerializedString() throws Exception {
        Jsonb jsonb = JsonbBuilder.create();
        try {
            JsonHubProtocol protocol = new JsonHubProtocol(JsonProvider.provider(), jsonb);
            List<RecordingChannel> channels = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                HubConnectionContext connection = new HubConnectionContext("c" + i, "t" + i, protocol, 100,
                        x -> { }, e -> { });
                RecordingChannel channel = RecordingChannel.sync();
                connection.attach(channel);
                connection.handshakeCompleted();
                channels.add(channel);
                complete(manager().onConnected(connection));
            }
            ClientInvocation invocation = new ClientInvocation("receive", "a", 1);
            complete(manager().sendAll(invocation));
            String first = channels.get(0).writes().get(0);
            assertEquals("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}\u001e", first);
            for (RecordingChannel channel : channels) {
                assertEquals(1, channel.writes().size());
                assertSame(first, channel.writes().get(0), "each connection writes the one serialized string");
            }
            AtomicInteger again = new AtomicInteger();
            assertSame(first, invocation.serialized(JsonHubProtocol.NAME, i -> {
                again.incrementAndGet();
                return "x";
            }));
            assertEquals(0, again.get());
            assertTrue(channels.stream().allMatch(ch -> ch.maxInFlight() == 1));
        } finally {
            jsonb.close();
        }
    }
}
