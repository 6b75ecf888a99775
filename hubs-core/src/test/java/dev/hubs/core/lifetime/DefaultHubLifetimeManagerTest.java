package dev.hubs.core.lifetime;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class DefaultHubLifetimeManagerTest {

    /** A connection that records what it is sent. */
    static final class FakeConnection implements HubConnection {
        final String id;
        final Optional<String> user;
        final List<ClientInvocation> received = Collections.synchronizedList(new ArrayList<>());

        FakeConnection(String id, String user) {
            this.id = id;
            this.user = Optional.ofNullable(user);
        }

        @Override
        public String connectionId() {
            return id;
        }

        @Override
        public Optional<String> userId() {
            return user;
        }

        @Override
        public CompletionStage<Void> send(ClientInvocation invocation) {
            received.add(invocation);
            return CompletableFuture.completedStage(null);
        }
    }

    private DefaultHubLifetimeManager manager;
    private FakeConnection a;
    private FakeConnection b;
    private FakeConnection c;
    private FakeConnection d;

    @BeforeEach
    void connect() {
        manager = new DefaultHubLifetimeManager();
        a = new FakeConnection("a", "alice");
        b = new FakeConnection("b", "bob");
        c = new FakeConnection("c", "alice");
        d = new FakeConnection("d", null);
        for (FakeConnection connection : List.of(a, b, c, d)) {
            manager.onConnected(connection).toCompletableFuture().join();
        }
    }

    private static ClientInvocation message() {
        return new ClientInvocation("receive", "hi", 1);
    }

    private void assertReceivers(ClientInvocation sent, FakeConnection... expected) {
        Set<FakeConnection> receivers = Set.of(expected);
        for (FakeConnection connection : List.of(a, b, c, d)) {
            if (receivers.contains(connection)) {
                assertEquals(List.of(sent), connection.received, connection.id + " must receive it exactly once");
                assertSame(sent, connection.received.get(0));
            } else {
                assertEquals(List.of(), connection.received, connection.id + " must not receive it");
            }
        }
    }

    @Test
    void sendAll() {
        ClientInvocation m = message();
        manager.sendAll(m).toCompletableFuture().join();
        assertReceivers(m, a, b, c, d);
        assertEquals(4, manager.connectionCount());
    }

    @Test
    void sendAllExcept() {
        ClientInvocation m = message();
        manager.sendAllExcept(m, List.of("a", "d", "unknown")).toCompletableFuture().join();
        assertReceivers(m, b, c);
    }

    @Test
    void sendConnection() {
        ClientInvocation m = message();
        manager.sendConnection("b", m).toCompletableFuture().join();
        manager.sendConnection("unknown", m).toCompletableFuture().join();
        assertReceivers(m, b);
    }

    @Test
    void sendConnectionsOncePerConnection() {
        ClientInvocation m = message();
        manager.sendConnections(List.of("a", "c", "a", "unknown"), m).toCompletableFuture().join();
        assertReceivers(m, a, c);
    }

    @Test
    void sendGroup() {
        manager.addToGroup("a", "room").toCompletableFuture().join();
        manager.addToGroup("b", "room").toCompletableFuture().join();
        manager.addToGroup("b", "room").toCompletableFuture().join(); // twice is harmless
        manager.addToGroup("c", "other").toCompletableFuture().join();
        ClientInvocation m = message();
        manager.sendGroup("room", m).toCompletableFuture().join();
        manager.sendGroup("nobody", m).toCompletableFuture().join();
        assertReceivers(m, a, b);
        assertEquals(2, manager.groupCount());
    }

    @Test
    void sendGroupsOnceToAMemberOfSeveral() {
        manager.addToGroup("a", "g1");
        manager.addToGroup("a", "g2");
        manager.addToGroup("b", "g2");
        manager.addToGroup("c", "g3");
        ClientInvocation m = message();
        manager.sendGroups(List.of("g1", "g2", "unknown"), m).toCompletableFuture().join();
        assertReceivers(m, a, b);
    }

    @Test
    void sendGroupExcept() {
        manager.addToGroup("a", "room");
        manager.addToGroup("b", "room");
        manager.addToGroup("c", "room");
        ClientInvocation m = message();
        manager.sendGroupExcept("room", m, List.of("b")).toCompletableFuture().join();
        assertReceivers(m, a, c);
    }

    @Test
    void sendUser() {
        ClientInvocation m = message();
        manager.sendUser("alice", m).toCompletableFuture().join();
        manager.sendUser("nobody", m).toCompletableFuture().join();
        assertReceivers(m, a, c);
    }

    @Test
    void sendUsers() {
        ClientInvocation m = message();
        manager.sendUsers(List.of("alice", "bob", "alice"), m).toCompletableFuture().join();
        assertReceivers(m, a, b, c);
    }

    @Test
    void removeFromGroup() {
        manager.addToGroup("a", "room");
        manager.addToGroup("b", "room");
        manager.removeFromGroup("a", "room").toCompletableFuture().join();
        manager.removeFromGroup("d", "room").toCompletableFuture().join(); // not a member: harmless
        manager.removeFromGroup("a", "nothing").toCompletableFuture().join();
        ClientInvocation m = message();
        manager.sendGroup("room", m);
        assertReceivers(m, b);
        manager.removeFromGroup("b", "room");
        assertEquals(0, manager.groupCount(), "empty group dropped");
    }

    @Test
    void addToGroupOfUnknownConnectionDoesNothing() {
        manager.addToGroup("unknown", "room").toCompletableFuture().join();
        assertEquals(0, manager.groupCount());
        ClientInvocation m = message();
        manager.sendGroup("room", m);
        assertReceivers(m);
    }

    @Test
    void onDisconnectedRemovesFromEverything() {
        manager.addToGroup("a", "g1");
        manager.addToGroup("a", "g2");
        manager.addToGroup("c", "g2");
        manager.onDisconnected(a).toCompletableFuture().join();
        ClientInvocation m = message();
        manager.sendAll(m);
        manager.sendGroups(List.of("g1", "g2"), m);
        manager.sendUser("alice", m);
        manager.sendConnection("a", m);
        assertEquals(List.of(), a.received);
        assertEquals(List.of(m, m, m), c.received);
        assertEquals(1, manager.groupCount(), "g1 dropped once empty");
        assertEquals(3, manager.connectionCount());

        for (FakeConnection connection : List.of(b, c, d)) {
            manager.onDisconnected(connection);
        }
        assertEquals(0, manager.groupCount());
        assertEquals(0, manager.connectionCount());
        ClientInvocation later = message();
        manager.sendUser("alice", later);
        manager.sendUser("bob", later);
        manager.sendAll(later);
        assertEquals(List.of(m, m, m), c.received);
        // adding a disconnected connection to a group leaves nothing behind
        manager.addToGroup("a", "g3");
        assertEquals(0, manager.groupCount());
    }

    @Test
    void reconnectedUserIsReachableAgain() {
        manager.onDisconnected(a);
        manager.onDisconnected(c);
        FakeConnection again = new FakeConnection("e", "alice");
        manager.onConnected(again);
        ClientInvocation m = message();
        manager.sendUser("alice", m);
        assertEquals(List.of(m), again.received);
    }

    @Test
    void concurrentJoinsAndLeavesLeaveNoEmptyGroups() throws Exception {
        DefaultHubLifetimeManager shared = new DefaultHubLifetimeManager();
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        FakeConnection connection = new FakeConnection(thread + "-" + i, "user" + (i % 3));
                        shared.onConnected(connection);
                        shared.addToGroup(connection.id, "g" + (i % 5));
                        shared.addToGroup(connection.id, "shared");
                        shared.onDisconnected(connection);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, shared.groupCount());
        assertEquals(0, shared.connectionCount());
    }

    // ---------------------------------------------------------------- serialize once

    @Test
    void serializedComputesOncePerKeyEvenUnderContention() throws Exception {
        ClientInvocation invocation = message();
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
    void sameInvocationIsSerializedOnceForManyConnections() throws Exception {
        Jsonb jsonb = JsonbBuilder.create();
        try {
            JsonHubProtocol protocol = new JsonHubProtocol(JsonProvider.provider(), jsonb);
            DefaultHubLifetimeManager real = new DefaultHubLifetimeManager();
            List<RecordingChannel> channels = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                HubConnectionContext connection = new HubConnectionContext("c" + i, "t" + i, protocol, 100,
                        x -> { }, e -> { });
                RecordingChannel channel = RecordingChannel.sync();
                connection.attach(channel);
                connection.handshakeCompleted();
                channels.add(channel);
                real.onConnected(connection);
            }
            ClientInvocation invocation = new ClientInvocation("receive", "a", 1);
            real.sendAll(invocation).toCompletableFuture().join();
            String first = channels.get(0).writes().get(0);
            assertEquals("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}\u001e", first);
            for (RecordingChannel channel : channels) {
                assertEquals(1, channel.writes().size());
                assertSame(first, channel.writes().get(0), "each connection writes the one serialized string");
            }
            AtomicInteger again = new AtomicInteger();
            assertSame(first, invocation.serialized(protocol, i -> {
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
