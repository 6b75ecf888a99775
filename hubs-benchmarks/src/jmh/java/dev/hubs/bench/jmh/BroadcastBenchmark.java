package dev.hubs.bench.jmh;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.TransportChannel;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.spi.ClientInvocation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A broadcast to 1 000 connections through hubs-core's in-memory lifetime manager: the message is serialized once
 * and the same record is offered to each connection's outbound queue, which writes it to the transport. The
 * transports here complete every write at once and keep nothing, so the figure is Hubs' own cost of a broadcast:
 * serialization, the fan-out, and 1 000 queue offers and drains.
 *
 * <p>{@code serializePerConnection} is what the same broadcast would cost if every connection serialized the
 * message itself: the saving of serialize-once is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BroadcastBenchmark {

    @Param("1000")
    int connections;

    private Jsonb jsonb;
    private JsonHubProtocol protocol;
    private DefaultHubLifetimeManager lifetime;
    private final List<HubConnectionContext> contexts = new ArrayList<>();
    private Blackhole sink;

    /** A transport that completes each write at once and hands the text to the black hole. */
    private final class DiscardingChannel implements TransportChannel {
        @Override
        public String name() {
            return "WebSockets";
        }

        @Override
        public void write(String text, Consumer<Throwable> completion) {
            sink.consume(text);
            completion.accept(null);
        }

        @Override
        public void close(Throwable error) {
            // nothing to close
        }
    }

    /**
     * Connects the connections.
     *
     * @param blackhole where writes go
     */
    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        jsonb = JsonbBuilder.create();
        protocol = new JsonHubProtocol(JsonProvider.provider(), jsonb);
        lifetime = new DefaultHubLifetimeManager();
        for (int i = 0; i < connections; i++) {
            HubConnectionContext connection = new HubConnectionContext("connection-" + i, "token-" + i, protocol,
                    10_000, overflowed -> {
                        throw new IllegalStateException("queue overflow in a benchmark");
                    }, failure -> {
                        throw new IllegalStateException(failure);
                    });
            connection.attach(new DiscardingChannel());
            connection.handshakeCompleted();
            lifetime.onConnected(connection);
            contexts.add(connection);
        }
    }

    /** Closes JSON-B. */
    @TearDown
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /**
     * One broadcast to every connection, serialized once: what {@code clients.all().send(...)} does.
     *
     * @return the invocation, so that nothing is optimized away
     */
    @Benchmark
    public Object sendAll() {
        ClientInvocation invocation = new ClientInvocation("receive", JsonProtocolBenchmark.PAYLOAD);
        lifetime.sendAll(invocation);
        return invocation;
    }

    /**
     * The same fan-out with the message serialized for each connection: the baseline serialize-once saves.
     *
     * @return the invocation
     */
    @Benchmark
    public Object serializePerConnection() {
        ClientInvocation invocation = new ClientInvocation("receive", JsonProtocolBenchmark.PAYLOAD);
        for (HubConnectionContext connection : contexts) {
            connection.sendRecord(protocol.writeInvocation(invocation));
        }
        return invocation;
    }
}
