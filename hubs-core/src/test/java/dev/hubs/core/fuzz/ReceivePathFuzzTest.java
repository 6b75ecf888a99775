package dev.hubs.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hubs.core.HubOptions;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.TransportChannel;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.spi.UserIdProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the whole receive path of a connection: what a WebSocket delivers frame by frame, or a long-polling or
 * Server-Sent Events POST body chunk by chunk (both end in {@link HubRuntime#receive}). The input is cut into
 * chunks at points derived from its own bytes, so records, handshakes and even UTF-16 pairs are split anywhere.
 *
 * <p>Whatever arrives: no exception leaves the server, the connection is either alive or ended cleanly, a partial
 * record never grows past the maximum message size, the outbound queue stays within its capacity, and every hub
 * instance created is released.
 */
class ReceivePathFuzzTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final int MAX_MESSAGE = 4 * 1024;
    private static final int QUEUE = 64;
    private static final HubOptions OPTIONS = HubOptions.DEFAULTS.withMaximumReceiveMessageSize(MAX_MESSAGE)
            .withOutboundQueueCapacity(QUEUE).withStreamBufferCapacity(4);
    private static final HubMethodTable METHODS = HubMethodTable.of(FuzzHub.class);

    /** A transport that takes every write at once and remembers whether it was closed. */
    private static final class NullChannel implements TransportChannel {
        volatile boolean closed;

        @Override
        public String name() {
            return TransportType.WEB_SOCKETS.signalRName();
        }

        @Override
        public void write(String text, Consumer<Throwable> completion) {
            completion.accept(null);
        }

        @Override
        public void close(Throwable error) {
            closed = true;
        }
    }

    @FuzzTest(maxDuration = "24h")
    void receive(byte[] input) {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        HubActivator activator = caller -> {
            created.incrementAndGet();
            FuzzHub hub = new FuzzHub();
            return new HubActivator.ActivatedHub() {
                @Override
                public Object instance() {
                    return hub;
                }

                @Override
                public void release() {
                    released.incrementAndGet();
                }
            };
        };
        HubRuntime runtime = new HubRuntime("/fuzz", METHODS, activator, new DefaultHubLifetimeManager(),
                UserIdProvider.principalName(), JSONB, OPTIONS);
        HubConnectionContext connection = runtime.open((java.security.Principal) null);
        NullChannel channel = new NullChannel();
        assertTrue(runtime.attach(connection, channel));

        String text = new String(input, StandardCharsets.UTF_8);
        SplittableRandom cuts = new SplittableRandom(text.hashCode());
        int start = 0;
        while (start < text.length() && connection.state() != ConnectionState.CLOSED) {
            int end = Math.min(text.length(), start + 1 + cuts.nextInt(64));
            runtime.receive(connection, text.substring(start, end));
            start = end;
            assertTrue(connection.partialRecord().length() <= MAX_MESSAGE,
                    "a partial record grew to " + connection.partialRecord().length());
            assertTrue(connection.queuedRecords() <= QUEUE, "queued " + connection.queuedRecords());
        }
        ConnectionState state = connection.state();
        assertTrue(List.of(ConnectionState.HANDSHAKING, ConnectionState.CONNECTED, ConnectionState.CLOSED)
                .contains(state), String.valueOf(state));
        runtime.transportClosed(connection, null);
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertEquals(0, connection.streams().outgoingCount(), "no stream outlives its connection");
        assertEquals(0, connection.streams().uploadCount(), "no upload outlives its connection");
        assertEquals(0, connection.results().size());
        assertEquals(created.get(), released.get(), "every hub instance is released");
        assertTrue(runtime.connections().isEmpty(), "the connection is forgotten");
        assertTrue(runtime.statistics().idle(), "the hub holds nothing: " + runtime.statistics());
    }
}
