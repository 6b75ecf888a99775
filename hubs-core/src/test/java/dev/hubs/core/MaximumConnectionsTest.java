package dev.hubs.core;

import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.security.ConnectionIdentity;
import dev.hubs.spi.UserIdProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code maximum-connections}: the count is exact under concurrency, a refused negotiation is a 503 with an
 * {@code error} body, and every way a connection ends gives its slot back.
 */
@Timeout(30)
class MaximumConnectionsTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The hub: nothing to call. */
    public static class EmptyHub {
        public void nothing() {
        }
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static HubRuntime runtime(int maximum) {
        return new HubRuntime("/limited", HubMethodTable.of(EmptyHub.class), new HubRuntimeTest.ReflectiveActivator(),
                new DefaultHubLifetimeManager(), UserIdProvider.principalName(), JSONB,
                HubOptions.DEFAULTS.withMaximumConnections(maximum));
    }

    private static Negotiation.Response negotiate(HubRuntime runtime) {
        return runtime.negotiate("1", RuntimeClient.TRANSPORTS, ConnectionIdentity.of(null));
    }

    @Test
    void beyondTheMaximumNegotiationAnswers503WithAnError() {
        HubRuntime runtime = runtime(2);
        assertEquals(200, negotiate(runtime).status());
        assertNotNull(runtime.open(ConnectionIdentity.of(null)), "a WebSocket without negotiation takes a slot too");

        Negotiation.Response refused = negotiate(runtime);
        assertEquals(503, refused.status());
        assertNull(refused.connection());
        assertEquals("The hub has reached its maximum number of connections. Try again later.",
                RuntimeClient.json(refused.body()).getString("error"));
        assertEquals(1, RuntimeClient.json(refused.body()).size(), "an error response has no other fields");
        assertNull(runtime.open(ConnectionIdentity.of(null)));
        assertEquals(2, runtime.connections().size(), "nothing registered for the refused ones");
        assertEquals(2, runtime.connectionLimit().held());
    }

    @Test
    void withoutALimitNothingIsRefused() {
        HubRuntime runtime = runtime(0);
        for (int i = 0; i < 500; i++) {
            assertEquals(200, negotiate(runtime).status());
        }
        assertEquals(500, runtime.connectionLimit().held());
    }

    @Test
    void aNegativeMaximumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HubOptions.DEFAULTS.withMaximumConnections(-1));
    }

    @Test
    void manyNegotiationsAtOnceTakeExactlyTheFreeSlots() throws Exception {
        int maximum = 50;
        int attempts = 400;
        HubRuntime runtime = runtime(maximum);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                statuses.add(threads.submit(() -> {
                    start.await();
                    return negotiate(runtime).status();
                }));
            }
            start.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get(10, TimeUnit.SECONDS);
                if (s == 200) {
                    accepted++;
                } else if (s == 503) {
                    refused++;
                }
            }
            assertEquals(maximum, accepted);
            assertEquals(attempts - maximum, refused);
            assertEquals(maximum, runtime.connections().size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aConnectionThatEndsGivesItsSlotBack() {
        HubRuntime runtime = runtime(1);
        RuntimeClient client = new RuntimeClient(runtime, (java.security.Principal) null, RecordingChannel.sync()).handshake();
        assertEquals(503, negotiate(runtime).status());

        runtime.transportClosed(client.connection, null);
        assertEquals(ConnectionState.CLOSED, client.connection.state());
        assertEquals(200, negotiate(runtime).status(), "the slot of the ended connection is free again");
    }

    @Test
    void aClientThatLeavesWithACloseMessageGivesItsSlotBackOnce() {
        HubRuntime runtime = runtime(1);
        RuntimeClient client = new RuntimeClient(runtime, (java.security.Principal) null, RecordingChannel.sync()).handshake();
        client.receive("{\"type\":7}" + RuntimeClient.RS);
        runtime.transportClosed(client.connection, null); // the client's close of its transport follows
        assertEquals(0, runtime.connectionLimit().held(), "released once, not twice");
        assertEquals(200, negotiate(runtime).status());
        assertEquals(503, negotiate(runtime).status());
    }

    @Test
    void aNegotiatedConnectionNeverOpenedGivesItsSlotBackAfterTheHandshakeTimeout() {
        HubRuntime runtime = runtime(1);
        HubConnectionContext unused = negotiate(runtime).connection();
        assertNotNull(unused);
        assertEquals(503, negotiate(runtime).status());

        runtime.heartbeat(System.nanoTime() + Duration.ofSeconds(14).toNanos());
        assertEquals(503, negotiate(runtime).status(), "still within the handshake timeout of 15 s");
        runtime.heartbeat(System.nanoTime() + Duration.ofSeconds(16).toNanos());
        assertEquals(ConnectionState.CLOSED, unused.state());
        assertEquals(200, negotiate(runtime).status(), "the never used connection's slot is free again");
    }

    @Test
    void shutdownGivesEverySlotBack() {
        HubRuntime runtime = runtime(3);
        for (int i = 0; i < 3; i++) {
            new RuntimeClient(runtime, (java.security.Principal) null, RecordingChannel.sync()).handshake();
        }
        runtime.shutdown();
        assertEquals(0, runtime.connectionLimit().held());
    }

    @Test
    void refusalsAreLoggedAtOnceThenAtMostOnceAMinuteWithTheirCount() {
        HubRuntime runtime = runtime(1);
        negotiate(runtime);
        long now = System.nanoTime();
        negotiate(runtime);
        assertEquals(1, runtime.connectionLimit().refusalsToLog(now), "the first refusal at once");
        negotiate(runtime);
        negotiate(runtime);
        assertEquals(0, runtime.connectionLimit().refusalsToLog(now + Duration.ofSeconds(30).toNanos()));
        assertEquals(2, runtime.connectionLimit().refusalsToLog(now + Duration.ofSeconds(61).toNanos()),
                "the two since the last line");
        assertTrue(runtime.connectionLimit().maximum() == 1);
    }
}
