package dev.hubs.bench.load;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cross-server broadcast: the same broadcast (one sender, N receivers, {@code others()}) on one server without
 * Redis, on one server with the Redis backplane on, and over two servers joined by Redis with the receivers split
 * between them. Rounds are interleaved; the report gives each configuration's median deliveries/s and the latency of
 * its median round, for receivers on the sender's server and on the other one.
 *
 * <pre>
 * java -cp ... dev.hubs.bench.load.ClusterBenchmark --single http://127.0.0.1:9780 \
 *     --server-a http://127.0.0.1:9782 --server-b http://127.0.0.1:9783 --receivers 1000 --rounds 3 \
 *     --warmup 3 --measure 5 --out cluster.json --report cluster.md
 * </pre>
 *
 * {@code run-cluster-benchmark.sh} starts the servers and Redis and runs it; the smoke test runs it with tiny numbers
 * against the build's single server (all three URLs the same).
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    /** One configuration of servers. */
    private record Setup(String label, URI a, URI b, boolean split) {
    }

    /**
     * Runs from the command line; see the class comment.
     *
     * @param args the options
     * @throws Exception when the run cannot be written
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.exit(run(options) ? 0 : 1);
    }

    /**
     * Runs with parsed options (also used by the smoke test).
     *
     * @param options option name (without dashes) to value
     * @return whether every round produced figures
     * @throws IOException when the results cannot be written
     */
    public static boolean run(Map<String, String> options) throws IOException {
        URI single = LoadGenerator.loopback(options.getOrDefault("single", "http://127.0.0.1:9780"));
        URI serverA = LoadGenerator.loopback(options.getOrDefault("server-a", single.toString()));
        URI serverB = LoadGenerator.loopback(options.getOrDefault("server-b", serverA.toString()));
        int receivers = Integer.parseInt(options.getOrDefault("receivers", "1000"));
        int window = Integer.parseInt(options.getOrDefault("window", "2"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Duration warmup = seconds(options.getOrDefault("warmup", "3"));
        Duration measure = seconds(options.getOrDefault("measure", "5"));
        List<Setup> setups = List.of(
                new Setup("one server, no Redis", single, single, false),
                new Setup("one server, Redis backplane on", serverA, serverA, false),
                new Setup("two servers through Redis", serverA, serverB, true));

        Map<String, List<Result>> bySetup = new LinkedHashMap<>();
        boolean ok = true;
        try (Bench bench = new Bench(single, null, 32)) {
            for (int round = 0; round < rounds; round++) {
                for (Setup setup : setups) {
                    Bench a = bench.withLiberty(setup.a());
                    Bench b = bench.withLiberty(setup.b());
                    int onB = setup.split() ? receivers / 2 : 0;
                    ClusterBroadcastScenario scenario = new ClusterBroadcastScenario(a, b, "cluster-broadcast",
                            receivers - onB, onB, window, 64, warmup, measure);
                    Result result;
                    try {
                        result = scenario.run();
                    } catch (ScenarioException | RuntimeException e) {
                        result = new Result("cluster-broadcast", Target.HUB).put("error", String.valueOf(e.getMessage()));
                        ok = false;
                    }
                    result.put("setup", setup.label()).put("round", round + 1);
                    System.out.println("[cluster] " + setup.label() + ", round " + (round + 1) + ": "
                            + (result.get("error") != null ? "ERROR " + result.get("error")
                            : String.format(Locale.ROOT, "%.0f deliveries/s", result.number("deliveriesPerSecond"))));
                    bySetup.computeIfAbsent(setup.label(), k -> new ArrayList<>()).add(result);
                }
            }
        }
        write(bySetup, options, receivers, window, warmup, measure);
        return ok;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    private static void write(Map<String, List<Result>> bySetup, Map<String, String> options, int receivers,
                              int window, Duration warmup, Duration measure) throws IOException {
        JsonArrayBuilder array = Json.createArrayBuilder();
        bySetup.values().forEach(results -> results.forEach(r -> array.add(r.toJson())));
        Path out = Path.of(options.getOrDefault("out", "cluster.json"));
        Files.writeString(out, Json.createObjectBuilder().add("results", array).build().toString());

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "One sender on server A, %d receivers, %d broadcasts in flight, "
                + "%.0f s warm-up and %.0f s measured per round; median of %d interleaved rounds.%n%n",
                receivers, window, warmup.toMillis() / 1000.0, measure.toMillis() / 1000.0,
                bySetup.values().iterator().next().size()));
        md.append("| setup | deliveries/s | server CPU µs per delivery | p50 on A (µs) | p99 on A (µs) | "
                + "p50 on B (µs) | p99 on B (µs) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<Result>> entry : bySetup.entrySet()) {
            List<Result> good = entry.getValue().stream().filter(r -> r.get("error") == null)
                    .sorted((x, y) -> Double.compare(x.number("deliveriesPerSecond"), y.number("deliveriesPerSecond")))
                    .toList();
            if (good.isEmpty()) {
                md.append("| ").append(entry.getKey()).append(" | failed | | | | | |\n");
                continue;
            }
            Result median = good.get(good.size() / 2);
            JsonObject json = median.toJson();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %s | %s | %s | %s |%n", entry.getKey(),
                    median.number("deliveriesPerSecond"), median.number("serverCpuMicrosPerDelivery"),
                    micros(json, "latencyOnA", "p50Micros"), micros(json, "latencyOnA", "p99Micros"),
                    micros(json, "latencyOnB", "p50Micros"), micros(json, "latencyOnB", "p99Micros")));
        }
        Path report = Path.of(options.getOrDefault("report", "cluster.md"));
        Files.writeString(report, md.toString());
        System.out.print(md);
    }

    private static String micros(JsonObject result, String histogram, String percentile) {
        if (!result.containsKey(histogram)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f", result.getJsonObject(histogram).getJsonNumber(percentile)
                .doubleValue());
    }
}
