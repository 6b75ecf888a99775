package dev.hubs.core;

import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.security.ConnectionIdentity;
import dev.hubs.spi.UserIdProvider;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Method-level access rules and the end of a connection whose authentication expired, on the run-time alone.
 */
class SecuredRuntimeTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Principal ALICE = () -> "alice";

    /** The hub under test. */
    public static class SecuredHub {
        public String open() {
            return "open";
        }

        @RolesAllowed("admin")
        public String admin() {
            return "admin";
        }

        @DenyAll
        public void closed() {
        }
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static HubRuntime runtime(HubOptions options) {
        HubActivator activator = (HubCaller caller) -> new HubActivator.ActivatedHub() {
            private final SecuredHub hub = new SecuredHub();

            @Override
            public Object instance() {
                return hub;
            }

            @Override
            public void release() {
            }
        };
        return new HubRuntime("/secured", HubMethodTable.of(SecuredHub.class), activator,
                new DefaultHubLifetimeManager(), UserIdProvider.principalName(), JSONB, options);
    }

    private static String invocation(String id, String target) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[]}"
                + RuntimeClient.RS;
    }

    @Test
    void aRefusedInvocationGetsSignalRsErrorAndTheConnectionStays() {
        HubRuntime runtime = runtime(HubOptions.DEFAULTS);
        RuntimeClient client = new RuntimeClient(runtime,
                new ConnectionIdentity(ALICE, Set.of("chat"), null, null), RecordingChannel.sync()).handshake();
        client.receive(invocation("1", "ADMIN") + invocation("2", "closed") + invocation("3", "open"));
        assertEquals(List.of("{}",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Failed to invoke 'ADMIN' because user is unauthorized\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"Failed to invoke 'closed' because user is unauthorized\"}",
                "{\"type\":3,\"invocationId\":\"3\",\"result\":\"open\"}"), client.records());
        assertEquals(ConnectionState.CONNECTED, client.connection.state());
    }

    @Test
    void aCallerInTheRoleIsServed() {
        HubRuntime runtime = runtime(HubOptions.DEFAULTS);
        RuntimeClient client = new RuntimeClient(runtime,
                new ConnectionIdentity(ALICE, Set.of("admin"), null, null), RecordingChannel.sync()).handshake();
        client.receive(invocation("1", "admin"));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"admin\"}", client.records().get(1));
    }

    @Test
    void anExpiredAuthenticationEndsTheConnectionWhenAskedTo() {
        Instant past = Instant.now().minusSeconds(1);
        HubRuntime keeping = runtime(HubOptions.DEFAULTS);
        RuntimeClient kept = new RuntimeClient(keeping, new ConnectionIdentity(ALICE, Set.of(), past, null),
                RecordingChannel.sync()).handshake();
        keeping.heartbeat(System.nanoTime());
        assertEquals(ConnectionState.CONNECTED, kept.connection.state(), "off by default, as in SignalR");

        HubRuntime closing = runtime(HubOptions.DEFAULTS.withCloseOnAuthenticationExpiration(true));
        RuntimeClient fresh = new RuntimeClient(closing,
                new ConnectionIdentity(ALICE, Set.of(), Instant.now().plusSeconds(3600), null),
                RecordingChannel.sync()).handshake();
        RuntimeClient expired = new RuntimeClient(closing, new ConnectionIdentity(ALICE, Set.of(), past, null),
                RecordingChannel.sync()).handshake();
        closing.heartbeat(System.nanoTime());
        assertEquals(ConnectionState.CONNECTED, fresh.connection.state());
        assertEquals(ConnectionState.CLOSED, expired.connection.state());
        assertEquals("{\"type\":7,\"allowReconnect\":true}", expired.records().get(1));
    }
}
