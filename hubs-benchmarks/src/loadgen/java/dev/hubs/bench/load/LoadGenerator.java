package dev.hubs.bench.load;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The load generator's command line: runs a suite of scenarios (or one) against the benchmark WAR on Liberty and
 * the Socket.IO server on Node, and writes every figure to a JSON file that {@code dev.hubs.bench.report.Report}
 * turns into BENCHMARKS.md.
 *
 * <pre>
 * java -cp ... dev.hubs.bench.load.LoadGenerator --server http://127.0.0.1:9780 --socketio http://127.0.0.1:9781 \
 *      --suite full --out target/bench/results.json [--server-pid PID] [--jfr-dir DIR] [--env key=value ...]
 * java -cp ... dev.hubs.bench.load.LoadGenerator --server ... --scenario echo --target hub --connections 64 \
 *      --in-flight 4 --warmup 5 --duration 10
 * </pre>
 * Suites: {@code full} (the published figures), {@code smoke} (every scenario with tiny numbers, seconds, the soak
 * included), {@code profile} (the hub echo and broadcast, and the raw echo, under Flight Recorder; needs
 * --server-pid), and {@code soak} (2 000 hub connections under a steady broadcast for minutes: {@link SoakScenario};
 * {@code --connections}, {@code --rate}, {@code --duration}, {@code --interval} change its parameters).
 * Only loopback addresses are accepted. Every loop is bounded in time: a scenario that cannot finish fails with a
 * message, and the suite goes on with the next one.
 */
public final class LoadGenerator {

    private final Bench bench;
    private final Path out;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final Jcmd jcmd;
    private String jfrSettings = "profile";

    LoadGenerator(Bench bench, Path out, Long serverPid) {
        this.bench = bench;
        this.out = out;
        this.jcmd = serverPid == null ? null : new Jcmd(serverPid);
    }

    /**
     * The parameters of a suite.
     *
     * @param name                 the suite name
     * @param rounds               how often echo and broadcast are repeated (targets interleaved); the report takes
     *                             the median
     * @param singleWarmup         warm-up of the single-connection echo
     * @param single               measurement of the single-connection echo
     * @param echoConnections      connections of the echo
     * @param echoInFlight         calls in flight per connection
     * @param echoWarmup           warm-up of the echo
     * @param echo                 measurement of the echo
     * @param rateFraction         the open-loop echo runs at this fraction of the target's median peak
     * @param rateWarmup           warm-up of the open-loop echo
     * @param rate                 measurement of the open-loop echo
     * @param broadcastReceivers   receivers of the broadcast
     * @param broadcastWindow      broadcasts in flight
     * @param broadcastPayload     payload length of a broadcast
     * @param broadcastWarmup      warm-up of the broadcast
     * @param broadcast            measurement of the broadcast
     * @param pollingConnections   connections of the long-polling echo
     * @param pollingReceivers     receivers of the long-polling broadcast
     * @param pollingWarmup        warm-up of the long-polling scenarios
     * @param polling              measurement of the long-polling scenarios
     * @param idleConnections      idle connections
     * @param idleHold             how long they are held
     * @param keepAliveInterval    the hub clients' ping interval while idle
     */
    record Plan(String name, int rounds, Duration singleWarmup, Duration single, int echoConnections,
                int echoInFlight, Duration echoWarmup, Duration echo, double rateFraction, Duration rateWarmup,
                Duration rate, int broadcastReceivers, int broadcastWindow, int broadcastPayload,
                Duration broadcastWarmup, Duration broadcast, int pollingConnections, int pollingReceivers,
                Duration pollingWarmup, Duration polling, int idleConnections, Duration idleHold,
                Duration keepAliveInterval) {

        static final Plan FULL = new Plan("full", 3, secs(3), secs(5), 64, 4, secs(5), secs(10), 0.5, secs(3),
                secs(10), 1000, 2, 64, secs(5), secs(10), 16, 100, secs(3), secs(10), 10_000, secs(20), secs(15));

        static final Plan SMOKE = new Plan("smoke", 1, millis(200), millis(500), 2, 2, millis(300), millis(700),
                0.5, millis(200), millis(500), 3, 1, 64, millis(300), millis(700), 2, 2, millis(300), millis(700),
                10, millis(600), millis(200));

        private static Duration secs(long s) {
            return Duration.ofSeconds(s);
        }

        private static Duration millis(long ms) {
            return Duration.ofMillis(ms);
        }

        Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("rounds", rounds);
            d.put("echoConnections", echoConnections);
            d.put("echoInFlight", echoInFlight);
            d.put("echoWarmupSeconds", echoWarmup.toMillis() / 1000.0);
            d.put("echoSeconds", echo.toMillis() / 1000.0);
            d.put("rateFraction", rateFraction);
            d.put("broadcastReceivers", broadcastReceivers);
            d.put("broadcastWindow", broadcastWindow);
            d.put("broadcastSeconds", broadcast.toMillis() / 1000.0);
            d.put("pollingConnections", pollingConnections);
            d.put("pollingReceivers", pollingReceivers);
            d.put("idleConnections", idleConnections);
            d.put("idleHoldSeconds", idleHold.toMillis() / 1000.0);
            return d;
        }
    }

    /**
     * Runs a suite.
     *
     * @param plan    its parameters
     * @param targets the WebSocket targets to include (RAW, HUB, SOCKETIO)
     * @return the results
     */
    List<Result> suite(Plan plan, List<Target> targets) {
        plan.describe().forEach((key, value) -> environment.put("plan." + key, String.valueOf(value)));
        List<Target> polling = new ArrayList<>();
        if (targets.contains(Target.HUB)) {
            polling.add(Target.HUB_LONG_POLLING);
        }
        if (targets.contains(Target.SOCKETIO)) {
            polling.add(Target.SOCKETIO_POLLING);
        }
        // 1. Peak echo throughput, targets interleaved round by round so that a change in the machine's background
        //    load hits each of them alike.
        Map<Target, List<Double>> peaks = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            for (Target target : targets) {
                int r = round;
                Result result = run(() -> new EchoScenario(bench, target, "echo", plan.echoConnections(),
                        plan.echoInFlight(), 0, plan.echoWarmup(), plan.echo()), r);
                if (result.get("error") == null) {
                    peaks.computeIfAbsent(target, t -> new ArrayList<>()).add(result.number("callsPerSecond"));
                }
            }
        }
        // 2. One connection, one call at a time: the round trip with nothing else going on. After the peak rounds,
        //    so that every server's code path is compiled: measured first, on a fresh server, the hub's longer path
        //    was still being compiled by the JIT (on the one core the server is pinned to) and ran at half its speed.
        for (Target target : targets) {
            run(() -> new EchoScenario(bench, target, "echo-single", 1, 1, 0, plan.singleWarmup(), plan.single()));
        }
        // 3. Latency at a fixed rate: half of each target's median peak.
        for (Target target : targets) {
            List<Double> measured = peaks.get(target);
            if (measured == null || measured.isEmpty()) {
                continue;
            }
            double rate = median(measured) * plan.rateFraction();
            run(() -> new EchoScenario(bench, target, "echo-rate", plan.echoConnections(), 0, rate,
                    plan.rateWarmup(), plan.rate()));
        }
        // 4. Broadcast, interleaved like the echo.
        for (int round = 1; round <= plan.rounds(); round++) {
            for (Target target : targets) {
                int r = round;
                run(() -> new BroadcastScenario(bench, target, "broadcast", plan.broadcastReceivers(),
                        plan.broadcastWindow(), plan.broadcastPayload(), plan.broadcastWarmup(), plan.broadcast()), r);
            }
        }
        // 5. Long polling: echo (one call in flight per connection) and broadcast.
        for (Target target : polling) {
            run(() -> new EchoScenario(bench, target, "echo", plan.pollingConnections(), 1, 0, plan.pollingWarmup(),
                    plan.polling()));
        }
        for (Target target : polling) {
            run(() -> new BroadcastScenario(bench, target, "broadcast", plan.pollingReceivers(), 1,
                    plan.broadcastPayload(), plan.pollingWarmup(), plan.polling()));
        }
        // 6. Idle connections last: tearing down thousands of connections is the hardest on a server.
        for (Target target : targets) {
            run(() -> new IdleScenario(bench, target, plan.idleConnections(), plan.idleHold(),
                    plan.keepAliveInterval(), jcmd));
        }
        return results;
    }

    /**
     * The profile suite: Flight Recorder on the server during the measurement of the hub echo, the hub broadcast and
     * the raw echo (for comparison), at the full suite's parameters.
     *
     * @param jfrDirectory where the recordings go
     * @return the results (of the profiled runs: slower than unprofiled ones, not for the tables)
     */
    List<Result> profile(Path jfrDirectory) throws IOException {
        if (jcmd == null) {
            throw new IllegalArgumentException("the profile suite needs --server-pid");
        }
        Files.createDirectories(jfrDirectory);
        // Java execution samples every millisecond (the "profile" preset takes one every 10 ms, too few for a 10 s
        // window) and allocation samples; nothing else.
        Path settings = jfrDirectory.resolve("hubs-bench.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="hubs-benchmarks" provider="Hubs"
                               description="Execution samples every millisecond, allocation samples">
                  <event name="jdk.ExecutionSample">
                    <setting name="enabled">true</setting>
                    <setting name="period">1 ms</setting>
                  </event>
                  <event name="jdk.ObjectAllocationSample">
                    <setting name="enabled">true</setting>
                    <setting name="throttle">1000/s</setting>
                    <setting name="stackTrace">true</setting>
                  </event>
                </configuration>
                """);
        jfrSettings = settings.toAbsolutePath().toString();
        Plan plan = Plan.FULL;
        profiled(jfrDirectory.resolve("hub-echo.jfr"), () -> new EchoScenario(bench, Target.HUB, "echo",
                plan.echoConnections(), plan.echoInFlight(), 0, plan.echoWarmup(), plan.echo()));
        profiled(jfrDirectory.resolve("raw-echo.jfr"), () -> new EchoScenario(bench, Target.RAW, "echo",
                plan.echoConnections(), plan.echoInFlight(), 0, plan.echoWarmup(), plan.echo()));
        profiled(jfrDirectory.resolve("hub-broadcast.jfr"), () -> new BroadcastScenario(bench, Target.HUB,
                "broadcast", plan.broadcastReceivers(), plan.broadcastWindow(), plan.broadcastPayload(),
                plan.broadcastWarmup(), plan.broadcast()));
        profiled(jfrDirectory.resolve("raw-broadcast.jfr"), () -> new BroadcastScenario(bench, Target.RAW,
                "broadcast", plan.broadcastReceivers(), plan.broadcastWindow(), plan.broadcastPayload(),
                plan.broadcastWarmup(), plan.broadcast()));
        return results;
    }

    private void profiled(Path file, Supplier<Scenario> scenario) {
        Result result = run(() -> scenario.get().hooks(new Scenario.Hooks() {
            @Override
            public void measureStart() {
                try {
                    jcmd.run("JFR.start", "name=hubs-bench", "settings=" + jfrSettings);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void measureEnd() {
                try {
                    jcmd.run("JFR.stop", "name=hubs-bench", "filename=" + file.toAbsolutePath());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }));
        result.put("profile", file.toAbsolutePath().toString());
    }

    Result run(Supplier<Scenario> scenario) {
        return run(scenario, 0);
    }

    /** Runs one scenario; a failure becomes a result with an error. */
    Result run(Supplier<Scenario> factory, int round) {
        Scenario scenario = factory.get();
        long start = System.nanoTime();
        Result result;
        try {
            result = scenario.run();
        } catch (ScenarioException | RuntimeException e) {
            String name = scenario instanceof IdleScenario ? "idle"
                    : scenario instanceof BroadcastScenario ? "broadcast"
                    : scenario instanceof SoakScenario ? "soak" : "echo";
            result = new Result(name, scenario.target).put("error", String.valueOf(e.getMessage()));
            if (e instanceof RuntimeException) {
                e.printStackTrace();
            }
        }
        if (round > 0) {
            result.put("round", round);
        }
        result.put("elapsedSeconds", (System.nanoTime() - start) / 1e9);
        results.add(result);
        System.out.println("[loadgen] " + summary(result));
        write();
        return result;
    }

    private static String summary(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(r.get("scenario")).append(' ').append(r.get("target"));
        if (r.get("error") != null) {
            return s.append(" FAILED: ").append(r.get("error")).toString();
        }
        for (String key : List.of("callsPerSecond", "deliveriesPerSecond", "heapBytesPerConnection",
                "serverCpuCores", "clientCpuCores")) {
            double v = r.number(key);
            if (!Double.isNaN(v)) {
                s.append(' ').append(key).append('=').append(String.format(java.util.Locale.ROOT, "%.2f", v));
            }
        }
        Object latency = r.get("latency");
        if (latency instanceof Map<?, ?> l) {
            s.append(" p50=").append(l.get("p50Micros")).append("us p99=").append(l.get("p99Micros"))
                    .append("us p999=").append(l.get("p999Micros")).append("us");
        }
        return s.toString();
    }

    /** Describes the machine, the JVMs and the servers. */
    void describeEnvironment(Map<String, String> extra) {
        environment.put("startedAt", Instant.now().toString());
        environment.put("cpu", cpuModel());
        environment.put("cpus", Integer.toString(cpuCount()));
        environment.put("memory", memory());
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        environment.put("loadGeneratorJvm", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        environment.put("loadGeneratorCpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            Bench.ServerStats liberty = bench.stats(false, false);
            environment.put("libertyServer", liberty.server());
            environment.put("libertyJvm", liberty.jvm());
            environment.put("libertyGc", liberty.gc());
        } catch (RuntimeException e) {
            environment.put("libertyServer", "unreachable: " + e.getMessage());
        }
        if (bench.hasNode()) {
            try {
                environment.put("nodeServer", bench.stats(true, false).server());
            } catch (RuntimeException e) {
                environment.put("nodeServer", "unreachable: " + e.getMessage());
            }
        }
        environment.put("loadAverageAtStart", Scenario.loadAverage());
        environment.putAll(extra);
    }

    void write() {
        environment.put("loadAverageAtEnd", Scenario.loadAverage());
        environment.put("finishedAt", Instant.now().toString());
        JsonObjectBuilder root = Json.createObjectBuilder();
        JsonObjectBuilder env = Json.createObjectBuilder();
        environment.forEach(env::add);
        root.add("environment", env);
        JsonArrayBuilder array = Json.createArrayBuilder();
        results.forEach(r -> array.add(r.toJson()));
        root.add("results", array);
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                 JsonWriter json = factory.createWriter(writer)) {
                json.writeObject(root.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static int cpuCount() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("processor")).count();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "";
    }

    // ---------------------------------------------------------------- command line

    /**
     * Runs from the command line; see the class comment.
     *
     * @param args the arguments
     * @throws Exception when the run cannot start
     */
    public static void main(String[] args) throws Exception {
        // java.net.http keeps idle connections for 20 minutes by default: keep few, briefly, so that they do not
        // sit on the server during the idle scenario. Must be set before the first HttpClient exists.
        System.setProperty("jdk.httpclient.connectionPoolSize",
                System.getProperty("jdk.httpclient.connectionPoolSize", "32"));
        System.setProperty("jdk.httpclient.keepalive.timeout",
                System.getProperty("jdk.httpclient.keepalive.timeout", "2"));
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument " + arg);
            }
            String value = args[++i];
            if (arg.equals("--env")) {
                int eq = value.indexOf('=');
                env.put(value.substring(0, eq), value.substring(eq + 1));
            } else {
                options.put(arg.substring(2), value);
            }
        }
        System.exit(run(options, env) ? 0 : 1);
    }

    /**
     * Runs with parsed options (also used by the smoke test).
     *
     * @param options option name (without dashes) to value
     * @param env     extra environment facts for the report
     * @return whether every scenario produced figures
     */
    public static boolean run(Map<String, String> options, Map<String, String> env) throws IOException {
        URI server = loopback(options.getOrDefault("server", "http://127.0.0.1:9780"));
        URI socketio = options.containsKey("socketio") ? loopback(options.get("socketio")) : null;
        Path out = Path.of(options.getOrDefault("out", "results.json"));
        int payload = Integer.parseInt(options.getOrDefault("payload", "32"));
        Long pid = options.containsKey("server-pid") ? Long.valueOf(options.get("server-pid")) : null;
        try (Bench bench = new Bench(server, socketio, payload)) {
            LoadGenerator generator = new LoadGenerator(bench, out, pid);
            generator.describeEnvironment(env);
            String suite = options.getOrDefault("suite", "single");
            List<Target> targets = new ArrayList<>();
            for (String id : options.getOrDefault("targets", socketio == null ? "raw,hub" : "raw,hub,socketio")
                    .split(",")) {
                targets.add(Target.of(id.trim()));
            }
            List<Result> results = switch (suite) {
                case "full" -> generator.suite(Plan.FULL, targets);
                case "smoke" -> {
                    generator.suite(Plan.SMOKE, targets);
                    generator.run(() -> new SoakScenario(generator.bench, SoakScenario.Plan.SMOKE));
                    yield generator.results;
                }
                case "soak" -> List.of(generator.run(() -> new SoakScenario(generator.bench, soakPlan(options))));
                case "profile" -> generator.profile(Path.of(options.getOrDefault("jfr-dir", "jfr")));
                case "single" -> List.of(generator.single(options));
                default -> throw new IllegalArgumentException("unknown suite " + suite);
            };
            generator.environment.put("payloadBytes", Integer.toString(payload));
            generator.environment.put("suite", suite);
            generator.write();
            if (bench.loop().failure() != null) {
                System.err.println("[loadgen] the event loop failed: " + bench.loop().failure());
                return false;
            }
            return results.stream().allMatch(r -> r.get("error") == null);
        }
    }

    /** The soak's parameters: the issue's, unless the command line says otherwise. */
    private static SoakScenario.Plan soakPlan(Map<String, String> o) {
        SoakScenario.Plan d = SoakScenario.Plan.FULL;
        return new SoakScenario.Plan(Integer.parseInt(o.getOrDefault("connections", String.valueOf(d.receivers()))),
                Double.parseDouble(o.getOrDefault("rate", String.valueOf(d.rate()))),
                Integer.parseInt(o.getOrDefault("payload", String.valueOf(d.payloadBytes()))),
                seconds(o.get("duration"), d.duration()), seconds(o.get("interval"), d.interval()),
                d.keepAlive());
    }

    private static Duration seconds(String value, Duration fallback) {
        return value == null ? fallback : Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    private Result single(Map<String, String> o) {
        Target target = Target.of(o.getOrDefault("target", "hub"));
        String scenario = o.getOrDefault("scenario", "echo");
        Duration warmup = Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("warmup", "5")) * 1000));
        Duration duration = Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("duration", "10")) * 1000));
        int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
        return switch (scenario) {
            case "echo" -> run(() -> new EchoScenario(bench, target, "echo", connections,
                    Integer.parseInt(o.getOrDefault("in-flight", "4")), 0, warmup, duration));
            case "echo-rate" -> run(() -> new EchoScenario(bench, target, "echo-rate", connections, 0,
                    Double.parseDouble(o.getOrDefault("rate", "1000")), warmup, duration));
            case "broadcast" -> run(() -> new BroadcastScenario(bench, target, "broadcast", connections,
                    Integer.parseInt(o.getOrDefault("window", "2")), 64, warmup, duration));
            case "idle" -> run(() -> new IdleScenario(bench, target, connections,
                    Duration.ofMillis((long) (Double.parseDouble(o.getOrDefault("hold", "20")) * 1000)),
                    Duration.ofSeconds(15), jcmd));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    /** Refuses any address but loopback: the benchmarks never send load elsewhere. */
    static URI loopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new IllegalArgumentException("only loopback addresses are allowed: " + url);
        }
        return URI.create(uri.getScheme() + "://127.0.0.1:" + uri.getPort());
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: LoadGenerator --server URL [--socketio URL] [--suite full|smoke|profile|single]"
                + " [--out FILE] [--targets raw,hub,socketio] [--payload BYTES] [--server-pid PID] [--jfr-dir DIR]"
                + " [--env key=value]... [--scenario echo|echo-rate|broadcast|idle --target ID --connections N"
                + " --in-flight K --rate R --window W --warmup S --duration S --hold S]"
                + " [--suite soak --connections N --rate BROADCASTS_PER_S --duration S --interval S]");
        System.exit(2);
    }
}
