package dev.hubs.bench.jmh;

import dev.hubs.bench.server.EchoHub;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.HubMessage;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The JSON hub protocol of hubs-core on its hot paths, with Liberty's JSON-P and JSON-B implementations (Parsson,
 * Yasson): reading the invocation the echo benchmark sends (arguments bound to the hub method's parameter types
 * while reading), and writing the completion that answers it, and the invocation a broadcast sends.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class JsonProtocolBenchmark {

    /** The 32 characters the load generator's echo carries. */
    static final String PAYLOAD = "abcdefghijklmnopqrstuvwxyzabcdef";

    private Jsonb jsonb;
    private JsonHubProtocol protocol;
    private HubMethodTable methods;
    private String invocation;
    private CompletionMessage completion;

    /** Builds the protocol once, as a hub does at deployment. */
    @Setup
    public void setUp() {
        jsonb = JsonbBuilder.create();
        protocol = new JsonHubProtocol(JsonProvider.provider(), jsonb);
        methods = HubMethodTable.of(EchoHub.class);
        invocation = "{\"type\":1,\"invocationId\":\"1234\",\"target\":\"echo\",\"arguments\":[\"" + PAYLOAD + "\"]}";
        completion = CompletionMessage.withResult("1234", PAYLOAD);
    }

    /** Closes JSON-B. */
    @TearDown
    public void tearDown() throws Exception {
        jsonb.close();
    }

    /**
     * Reads an echo invocation (one record, without its separator) and binds its argument.
     *
     * @return the message
     */
    @Benchmark
    public HubMessage parseInvocation() {
        return protocol.parse(invocation, methods);
    }

    /**
     * Writes the completion of an echo call, separator included.
     *
     * @return the record
     */
    @Benchmark
    public String writeCompletion() {
        return protocol.write(completion);
    }

    /**
     * Writes the invocation a broadcast sends to clients (once per broadcast, whatever the number of receivers).
     *
     * @return the record
     */
    @Benchmark
    public String writeInvocation() {
        return protocol.writeInvocation(new ClientInvocation("receive", PAYLOAD));
    }
}
