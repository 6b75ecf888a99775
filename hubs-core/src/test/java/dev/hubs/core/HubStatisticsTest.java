package dev.hubs.core;

import dev.hubs.HubStatistics;
import dev.hubs.OnConnected;
import dev.hubs.OnDisconnected;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.UserIdProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link HubRuntime#statistics()} counts, and that everything a connection holds is given back when it ends,
 * however it ends: its groups, its running invocations, its streams both ways and its client results, with
 * {@code @OnDisconnected} run exactly when {@code @OnConnected} ran.
 */
@Timeout(20)
class HubStatisticsTest {

    private static final String RS = RuntimeClient.RS;
    private static final Jsonb JSONB = JsonbBuilder.create();

    static final AtomicInteger CONNECTED = new AtomicInteger();
    static final AtomicInteger DISCONNECTED = new AtomicInteger();
    /** What {@code hold} returns: the test completes it. */
    static volatile CompletableFuture<String> held = new CompletableFuture<>();
    /** Whether {@code @OnConnected} joins the group "doomed" and then throws. */
    static volatile boolean failOnConnected;
    /** What {@code @OnDisconnected} throws, if anything. */
    static volatile RuntimeException disconnectFailure;

    /** A hub with something of every kind a connection can hold. */
    public static class CountedHub {
        HubCaller caller;

        @OnConnected
        public CompletionStage<Void> connected() {
            CONNECTED.incrementAndGet();
            if (failOnConnected) {
                return caller.groups().add(caller.context().connectionId(), "doomed").thenRun(() -> {
                    throw new IllegalStateException("refused");
                });
            }
            return CompletableFuture.completedFuture(null);
        }

        @OnDisconnected
        public void disconnected() {
            DISCONNECTED.incrementAndGet();
            RuntimeException failure = disconnectFailure;
            if (failure != null) {
                throw failure;
            }
        }

        public CompletionStage<Void> join(String group) {
            return caller.groups().add(caller.context().connectionId(), group);
        }

        public CompletionStage<String> hold() {
            return held;
        }

        public Flow.Publisher<Integer> endless() {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // never emits: the stream stays open until it is cancelled
                }

                @Override
                public void cancel() {
                }
            });
        }

        public CompletionStage<Integer> count(Flow.Publisher<String> items) {
            CompletableFuture<Integer> result = new CompletableFuture<>();
            items.subscribe(new Flow.Subscriber<>() {
                int seen;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String item) {
                    seen++;
                }

                @Override
                public void onError(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    result.complete(seen);
                }
            });
            return result;
        }

        public CompletionStage<String> ask() {
            return caller.clients().caller().invoke(String.class, "question");
        }
    }

    private static final class Activator implements HubActivator {
        @Override
        public ActivatedHub create(HubCaller caller) {
            CountedHub hub = new CountedHub();
            hub.caller = caller;
            return new ActivatedHub() {
                @Override
                public Object instance() {
                    return hub;
                }

                @Override
                public void release() {
                }
            };
        }
    }

    private DefaultHubLifetimeManager memory;
    private HubRuntime runtime;

    @BeforeEach
    void reset() {
        CONNECTED.set(0);
        DISCONNECTED.set(0);
        held = new CompletableFuture<>();
        failOnConnected = false;
        disconnectFailure = null;
        memory = new DefaultHubLifetimeManager();
        runtime = runtime(memory);
    }

    private static HubRuntime runtime(HubLifetimeManager lifetime) {
        return new HubRuntime("/counted", HubMethodTable.of(CountedHub.class), new Activator(), lifetime,
                UserIdProvider.principalName(), JSONB, HubOptions.DEFAULTS);
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private RuntimeClient connect() {
        RuntimeClient client = new RuntimeClient(runtime, (java.security.Principal) null);
        client.receive(RuntimeClient.HANDSHAKE);
        return client;
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":["
                + arguments + "]}" + RS;
    }

    @Test
    void everythingAConnectionHoldsIsCountedAndGivenBackWhenItsTransportDrops() {
        RuntimeClient a = connect();
        a.receive(invocation("1", "join", "\"room\""));
        a.receive("{\"type\":4,\"invocationId\":\"2\",\"target\":\"endless\",\"arguments\":[]}" + RS);
        a.receive("{\"type\":1,\"invocationId\":\"3\",\"target\":\"count\",\"arguments\":[],\"streamIds\":[\"9\"]}"
                + RS);
        a.receive("{\"type\":2,\"invocationId\":\"9\",\"item\":\"x\"}" + RS);
        a.receive(invocation("4", "ask", ""));
        RuntimeClient b = connect();
        b.receive(invocation("1", "hold", ""));

        assertEquals(new HubStatistics(2, 2, 0, 2, 1, 3, 1, 1, 1), runtime.statistics(),
                "two connections, one membership, count+ask+hold running, one stream each way, one client result");

        runtime.transportClosed(a.connection, new IOException("dropped"));
        runtime.transportClosed(b.connection, null);

        assertEquals(new HubStatistics(0, 2, 2, 0, 0, 1, 0, 0, 0), runtime.statistics(),
                "only hold, whose stage the hub method still holds, is left");
        held.complete("late");
        assertTrue(runtime.statistics().idle(), runtime.statistics().toString());
        assertEquals(2, CONNECTED.get());
        assertEquals(2, DISCONNECTED.get(), "@OnDisconnected once per connection");
        assertTrue(a.records().contains("{\"type\":1,\"invocationId\":\"r1\",\"target\":\"question\",\"arguments\":[]}"),
                "the client result was asked: " + a.records());
    }

    @Test
    void answeredAndFinishedThingsAreNotCountedAnyMore() {
        RuntimeClient a = connect();
        a.receive(invocation("1", "ask", ""));
        assertEquals(1, runtime.statistics().pendingClientResults());
        a.receive("{\"type\":3,\"invocationId\":\"r1\",\"result\":\"yes\"}" + RS);
        a.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"count\",\"arguments\":[],\"streamIds\":[\"5\"]}"
                + RS);
        a.receive("{\"type\":3,\"invocationId\":\"5\"}" + RS);
        a.receive("{\"type\":4,\"invocationId\":\"3\",\"target\":\"endless\",\"arguments\":[]}" + RS);
        a.receive("{\"type\":5,\"invocationId\":\"3\"}" + RS);

        assertEquals(new HubStatistics(1, 1, 0, 1, 0, 0, 0, 0, 0), runtime.statistics());
        a.receive("{\"type\":7}" + RS);
        assertTrue(runtime.statistics().idle(), runtime.statistics().toString());
    }

    @Test
    void anOnConnectedThatFailsLeavesNothingBehindAndNoOnDisconnected() {
        failOnConnected = true;
        RuntimeClient a = connect();

        assertEquals(List.of("{}", "{\"type\":7,\"error\":\"Connection closed with an error.\"}"), a.records());
        assertEquals(ConnectionState.CLOSED, a.connection.state());
        HubStatistics after = runtime.statistics();
        assertEquals(new HubStatistics(0, 1, 1, 0, 0, 0, 0, 0, 0), after,
                "the group joined before the failure is left too");
        assertEquals(0, DISCONNECTED.get());
    }

    @Test
    void anOnDisconnectedThatFailsStillEndsTheConnection() {
        disconnectFailure = new IllegalStateException("cleanup failed");
        RuntimeClient a = connect();
        a.receive(invocation("1", "join", "\"room\""));
        runtime.transportClosed(a.connection, null);

        assertEquals(1, DISCONNECTED.get());
        assertEquals(new HubStatistics(0, 1, 1, 0, 0, 0, 0, 0, 0), runtime.statistics());
    }

    @Test
    void aConnectionThatEndsBeforeItsHandshakeIsCountedClosedWithoutLifeCycleMethods() {
        RuntimeClient a = new RuntimeClient(runtime, (java.security.Principal) null, RecordingChannel.sync());
        assertEquals(1, runtime.statistics().connections());
        runtime.transportClosed(a.connection, null);

        assertEquals(new HubStatistics(0, 1, 1, 0, 0, 0, 0, 0, 0), runtime.statistics());
        assertEquals(0, CONNECTED.get());
        assertEquals(0, DISCONNECTED.get());
    }

    /**
     * The connection ends while the lifetime manager is still registering it (a backplane answers later): its end
     * may reach the lifetime manager first, and the registration must not then keep it there.
     */
    @Test
    void aConnectionThatEndsWhileBeingRegisteredDoesNotStayRegistered() {
        CompletableFuture<Void> registration = new CompletableFuture<>();
        runtime = runtime(new SlowToRegister(memory, registration));
        RuntimeClient a = connect();
        runtime.transportClosed(a.connection, null);
        assertEquals(0, memory.localConnectionCount());

        registration.complete(null); // only now does the connection reach the in-memory manager

        assertEquals(0, memory.localConnectionCount(), "it left again");
        assertTrue(runtime.statistics().idle(), runtime.statistics().toString());
        assertEquals(CONNECTED.get(), DISCONNECTED.get());
    }

    /** Registers connections with the in-memory manager only once a stage completes; everything else as is. */
    private record SlowToRegister(DefaultHubLifetimeManager memory, CompletableFuture<Void> registration)
            implements HubLifetimeManager {

        @Override
        public CompletionStage<Void> onConnected(HubConnection connection) {
            return registration.thenCompose(ignored -> memory.onConnected(connection));
        }

        @Override
        public CompletionStage<Void> onDisconnected(HubConnection connection) {
            return memory.onDisconnected(connection);
        }

        @Override
        public CompletionStage<Void> sendAll(ClientInvocation invocation) {
            return memory.sendAll(invocation);
        }

        @Override
        public CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excluded) {
            return memory.sendAllExcept(invocation, excluded);
        }

        @Override
        public CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation) {
            return memory.sendConnection(connectionId, invocation);
        }

        @Override
        public CompletionStage<Void> sendConnections(Collection<String> ids, ClientInvocation invocation) {
            return memory.sendConnections(ids, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroup(String group, ClientInvocation invocation) {
            return memory.sendGroup(group, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroups(Collection<String> groups, ClientInvocation invocation) {
            return memory.sendGroups(groups, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroupExcept(String group, ClientInvocation invocation,
                                                     Collection<String> excluded) {
            return memory.sendGroupExcept(group, invocation, excluded);
        }

        @Override
        public CompletionStage<Void> sendUser(String user, ClientInvocation invocation) {
            return memory.sendUser(user, invocation);
        }

        @Override
        public CompletionStage<Void> sendUsers(Collection<String> users, ClientInvocation invocation) {
            return memory.sendUsers(users, invocation);
        }

        @Override
        public CompletionStage<Void> addToGroup(String connectionId, String group) {
            return memory.addToGroup(connectionId, group);
        }

        @Override
        public CompletionStage<Void> removeFromGroup(String connectionId, String group) {
            return memory.removeFromGroup(connectionId, group);
        }

        @Override
        public long localConnectionCount() {
            return memory.localConnectionCount();
        }

        @Override
        public long localGroupMembershipCount() {
            return memory.localGroupMembershipCount();
        }
    }
}
