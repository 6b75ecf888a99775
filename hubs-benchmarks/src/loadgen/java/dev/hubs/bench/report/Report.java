package dev.hubs.bench.report;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes BENCHMARKS.md and its chart from what one run produced: the load generator's results, JMH's JSON, the
 * Flight Recorder recordings of the profile suite, and the hand-written analysis of that run.
 *
 * <pre>
 * java -cp ... dev.hubs.bench.report.Report --results results.json --jmh jmh.json --jfr-dir jfr \
 *      --analysis analysis.md --command "hubs-benchmarks/run-benchmarks.sh" --out BENCHMARKS.md \
 *      --chart docs/benchmarks.png --chart-link docs/benchmarks.png [--soak src/report/soak.md]
 * </pre>
 * The soak runs on its own ({@code run-soak.sh}); its section, kept in {@code src/report/soak.md}, is included as it
 * is (see {@link SoakReport}).
 * Every figure in the file comes from those inputs; nothing is typed in by hand but the analysis.
 */
public final class Report {

    /** The targets. */
    static final double ECHO_VS_RAW = 0.8;
    static final double BROADCAST_VS_RAW = 0.7;
    static final double VS_SOCKETIO = 1.5;
    static final double IDLE_KB = 10;
    static final double P99_MS = 5;

    private final JsonObject environment;
    private final List<JsonObject> results = new ArrayList<>();
    private final StringBuilder md = new StringBuilder();
    /** The soak's section, written by {@link SoakReport} from its own run; {@code null} for none. */
    private Path soakSection;

    Report(JsonObject root) {
        this.environment = root.getJsonObject("environment");
        for (JsonValue value : root.getJsonArray("results")) {
            results.add(value.asJsonObject());
        }
    }

    // ---------------------------------------------------------------- selecting results

    /** The results of one scenario and target without error. */
    List<JsonObject> runs(String scenario, String target) {
        List<JsonObject> runs = new ArrayList<>();
        for (JsonObject r : results) {
            if (r.getString("scenario").equals(scenario) && r.getString("target").equals(target)
                    && !r.containsKey("error")) {
                runs.add(r);
            }
        }
        return runs;
    }

    /** The run with the median of a figure (the lower middle one for an even count), or null. */
    static JsonObject median(List<JsonObject> runs, String figure) {
        if (runs.isEmpty()) {
            return null;
        }
        List<JsonObject> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(num(a, figure), num(b, figure)));
        return sorted.get((sorted.size() - 1) / 2);
    }

    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (JsonObject r : results) {
            if (r.containsKey("error")) {
                errors.add(r.getString("scenario") + " / " + r.getString("target") + ": " + r.getString("error"));
            }
        }
        return errors;
    }

    static double num(JsonObject o, String name) {
        if (o == null || !o.containsKey(name) || o.isNull(name)) {
            return Double.NaN;
        }
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }

    static double latency(JsonObject o, String name) {
        if (o == null || !o.containsKey("latency")) {
            return Double.NaN;
        }
        return num(o.getJsonObject("latency"), name);
    }

    double medianFigure(String scenario, String target, String figure) {
        return num(median(runs(scenario, target), figure), figure);
    }

    // ---------------------------------------------------------------- formatting

    static String f(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String count(double v) {
        return f(v, 0);
    }

    static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "n/a" : f(a / b, 2) + "×";
    }

    static String micros(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 10_000 ? f(v / 1000, 1) + " ms" : v >= 1000 ? f(v / 1000, 2) + " ms" : f(v, 0) + " µs";
    }

    static String bytes(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 1024 * 1024 ? f(v / 1024 / 1024, 1) + " MB"
                : Math.abs(v) >= 1024 ? f(v / 1024, 1) + " KB" : f(v, 0) + " B";
    }

    private String env(String key) {
        return environment.getString(key, "n/a");
    }

    private static String verdict(boolean known, boolean met) {
        return !known ? "not measured" : met ? "**met**" : "**not met**";
    }

    private String spread(String scenario, String target, String figure) {
        List<JsonObject> runs = runs(scenario, target);
        if (runs.size() < 2) {
            return "";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonObject r : runs) {
            min = Math.min(min, num(r, figure));
            max = Math.max(max, num(r, figure));
        }
        return " (" + count(min) + "–" + count(max) + ")";
    }

    // ---------------------------------------------------------------- the document

    String write(Path jmh, Path jfrDirectory, Path analysis, String command, String chartLink) throws IOException {
        String[] ws = {"raw", "hub", "socketio"};
        double echoRaw = medianFigure("echo", "raw", "callsPerSecond");
        double echoHub = medianFigure("echo", "hub", "callsPerSecond");
        double echoSio = medianFigure("echo", "socketio", "callsPerSecond");
        double bcRaw = medianFigure("broadcast", "raw", "deliveriesPerSecond");
        double bcHub = medianFigure("broadcast", "hub", "deliveriesPerSecond");
        double bcSio = medianFigure("broadcast", "socketio", "deliveriesPerSecond");
        JsonObject idleHub = median(runs("idle", "hub"), "heapBytesPerConnection");
        double idleKb = num(idleHub, "heapBytesPerConnection") / 1024;
        JsonObject rateHub = median(runs("echo-rate", "hub"), "callsPerSecond");
        double p99HalfMs = latency(rateHub, "p99Micros") / 1000;

        md.append("# Benchmarks\n\n");
        md.append("How close Hubs comes to a raw Jakarta WebSocket on the same Open Liberty, and how it compares with "
                + "Socket.IO 4 on Node, measured side by side in one run on one machine (issue 5). Every figure below "
                + "was written by the run described under *How this was measured*; regenerate the file with\n\n");
        md.append("```sh\n").append(command).append("\n```\n\n");
        md.append("(about 12 minutes, plus up to 15 minutes of waiting for a quiet machine; see "
                + "`hubs-benchmarks/README.md`). Only the section *Analysis* is written "
                + "by hand, in `hubs-benchmarks/src/report/analysis.md`, for the run it names.\n\n");

        double echoRawCpu = medianFigure("echo", "raw", "serverCpuMicrosPerOp");
        double echoHubCpu = medianFigure("echo", "hub", "serverCpuMicrosPerOp");
        double echoSioCpu = medianFigure("echo", "socketio", "serverCpuMicrosPerOp");
        double bcRawCpu = medianFigure("broadcast", "raw", "serverCpuMicrosPerOp");
        double bcHubCpu = medianFigure("broadcast", "hub", "serverCpuMicrosPerOp");
        double bcSioCpu = medianFigure("broadcast", "socketio", "serverCpuMicrosPerOp");
        md.append("## Targets\n\n");
        md.append("The verdicts compare throughput, as the issue asks. The last column compares the same systems by "
                + "server CPU time per operation (the inverse ratio of the medians of µs per call or delivery), "
                + "which a busy machine disturbs less: it says how the throughputs would compare if each server had "
                + "its whole core.\n\n");
        md.append("| target (issue 5) | measured | verdict | by CPU per operation |\n| --- | --- | --- | --- |\n");
        md.append("| hub echo ≥ 0.8× raw WebSocket echo throughput | ").append(ratio(echoHub, echoRaw))
                .append(" (").append(count(echoHub)).append(" vs ").append(count(echoRaw)).append(" calls/s) | ")
                .append(verdict(!Double.isNaN(echoHub / echoRaw), echoHub / echoRaw >= ECHO_VS_RAW)).append(" | ")
                .append(ratio(echoRawCpu, echoHubCpu)).append(" |\n");
        md.append("| hub broadcast ≥ 0.7× raw deliveries | ").append(ratio(bcHub, bcRaw)).append(" (")
                .append(count(bcHub)).append(" vs ").append(count(bcRaw)).append(" deliveries/s) | ")
                .append(verdict(!Double.isNaN(bcHub / bcRaw), bcHub / bcRaw >= BROADCAST_VS_RAW)).append(" | ")
                .append(ratio(bcRawCpu, bcHubCpu)).append(" |\n");
        md.append("| hub echo ≥ 1.5× Socket.IO | ").append(ratio(echoHub, echoSio)).append(" (")
                .append(count(echoHub)).append(" vs ").append(count(echoSio)).append(" calls/s) | ")
                .append(verdict(!Double.isNaN(echoHub / echoSio), echoHub / echoSio >= VS_SOCKETIO)).append(" | ")
                .append(ratio(echoSioCpu, echoHubCpu)).append(" |\n");
        md.append("| hub broadcast ≥ 1.5× Socket.IO | ").append(ratio(bcHub, bcSio)).append(" (")
                .append(count(bcHub)).append(" vs ").append(count(bcSio)).append(" deliveries/s) | ")
                .append(verdict(!Double.isNaN(bcHub / bcSio), bcHub / bcSio >= VS_SOCKETIO)).append(" | ")
                .append(ratio(bcSioCpu, bcHubCpu)).append(" |\n");
        md.append("| idle hub connection ≤ 10 KB of heap | ").append(f(idleKb, 1)).append(" KB | ")
                .append(verdict(!Double.isNaN(idleKb), idleKb <= IDLE_KB)).append(" | |\n");
        md.append("| hub echo p99 < 5 ms at half of peak load | ").append(f(p99HalfMs, 2)).append(" ms at ")
                .append(count(num(rateHub, "targetRate"))).append(" calls/s | ")
                .append(verdict(!Double.isNaN(p99HalfMs), p99HalfMs < P99_MS)).append(" | |\n\n");

        md.append("![Throughput, latency and memory of raw WebSocket, Hubs and Socket.IO](").append(chartLink)
                .append(")\n\n");

        List<String> errors = errors();
        if (!errors.isEmpty()) {
            md.append("**Scenarios that failed in this run** (their figures are missing below):\n\n");
            errors.forEach(e -> md.append("- ").append(e).append('\n'));
            md.append('\n');
        }

        environmentSection(command);

        // ---- echo
        md.append("## Echo over WebSockets\n\n");
        md.append("Closed loop: ").append(env("plan.echoConnections")).append(" connections, each with ")
                .append(env("plan.echoInFlight")).append(" calls in flight, ").append(env("payloadBytes"))
                .append("-character payload; ").append(env("plan.echoWarmupSeconds")).append(" s warm-up, ")
                .append(env("plan.echoSeconds")).append(" s measured, ").append(env("plan.rounds"))
                .append(" rounds with the systems interleaved. Throughput is the median round (range in brackets); "
                        + "the latencies are those of the median round. Server CPU is in cores of the one the "
                        + "server is pinned to; *µs/call* is server CPU time per call, the server's cost "
                        + "whatever the client managed to send.\n\n");
        md.append("| system | calls/s | p50 | p99 | p99.9 | server CPU | server µs/call | client CPU |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String t : ws) {
            JsonObject r = median(runs("echo", t), "callsPerSecond");
            if (r == null) {
                continue;
            }
            md.append("| ").append(r.getString("system")).append(" | ").append(count(num(r, "callsPerSecond")))
                    .append(spread("echo", t, "callsPerSecond")).append(" | ")
                    .append(micros(latency(r, "p50Micros"))).append(" | ").append(micros(latency(r, "p99Micros")))
                    .append(" | ").append(micros(latency(r, "p999Micros"))).append(" | ")
                    .append(f(num(r, "serverCpuCores"), 2)).append(" | ").append(f(num(r, "serverCpuMicrosPerOp"), 1))
                    .append(" | ").append(f(num(r, "clientCpuCores"), 2)).append(" |\n");
        }
        md.append("\nRatios: Hubs/raw ").append(ratio(echoHub, echoRaw)).append(", Hubs/Socket.IO ")
                .append(ratio(echoHub, echoSio)).append(", raw/Socket.IO ").append(ratio(echoRaw, echoSio))
                .append(".\n\n");

        md.append("### One connection, one call at a time\n\n");
        JsonObject single = median(runs("echo-single", "hub"), "callsPerSecond");
        md.append("The round trip with nothing else going on: one connection, one call in flight, ")
                .append(f(num(single, "warmupSeconds"), 0)).append(" s warm-up, ")
                .append(f(num(single, "durationSeconds"), 0)).append(" s measured.\n\n");
        md.append("| system | calls/s | p50 | p99 | p99.9 | server µs/call |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String t : ws) {
            JsonObject r = median(runs("echo-single", t), "callsPerSecond");
            if (r != null) {
                md.append("| ").append(r.getString("system")).append(" | ").append(count(num(r, "callsPerSecond")))
                        .append(" | ").append(micros(latency(r, "p50Micros"))).append(" | ")
                        .append(micros(latency(r, "p99Micros"))).append(" | ")
                        .append(micros(latency(r, "p999Micros"))).append(" | ")
                        .append(f(num(r, "serverCpuMicrosPerOp"), 1)).append(" |\n");
            }
        }

        md.append("\n### At half of the peak\n\n");
        md.append("Open loop: calls leave at a fixed rate, half of each system's own median peak above, spread over ")
                .append(env("plan.echoConnections")).append(" connections; latency counts from when a call was due "
                        + "(no coordinated omission).\n\n");
        md.append("| system | rate (calls/s) | achieved | p50 | p99 | p99.9 | max | server CPU |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String t : ws) {
            JsonObject r = median(runs("echo-rate", t), "callsPerSecond");
            if (r != null) {
                md.append("| ").append(r.getString("system")).append(" | ").append(count(num(r, "targetRate")))
                        .append(" | ").append(count(num(r, "callsPerSecond"))).append(" | ")
                        .append(micros(latency(r, "p50Micros"))).append(" | ")
                        .append(micros(latency(r, "p99Micros"))).append(" | ")
                        .append(micros(latency(r, "p999Micros"))).append(" | ")
                        .append(micros(latency(r, "maxMicros"))).append(" | ")
                        .append(f(num(r, "serverCpuCores"), 2)).append(" |\n");
            }
        }

        // ---- broadcast
        md.append("\n## Broadcast over WebSockets\n\n");
        md.append("One sender, ").append(env("plan.broadcastReceivers")).append(" receivers; the sender keeps ")
                .append(env("plan.broadcastWindow")).append(" broadcasts in flight (the next leaves when every "
                        + "receiver has one); latency is from the send to each receipt. Same rounds and medians as "
                        + "the echo.\n\n");
        md.append("| system | deliveries/s | broadcasts/s | p50 | p99 | p99.9 | server CPU | server µs/delivery "
                + "| client CPU |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String t : ws) {
            JsonObject r = median(runs("broadcast", t), "deliveriesPerSecond");
            if (r != null) {
                md.append("| ").append(r.getString("system")).append(" | ")
                        .append(count(num(r, "deliveriesPerSecond"))).append(spread("broadcast", t,
                                "deliveriesPerSecond")).append(" | ")
                        .append(f(num(r, "broadcastsPerSecond"), 1)).append(" | ")
                        .append(micros(latency(r, "p50Micros"))).append(" | ")
                        .append(micros(latency(r, "p99Micros"))).append(" | ")
                        .append(micros(latency(r, "p999Micros"))).append(" | ")
                        .append(f(num(r, "serverCpuCores"), 2)).append(" | ")
                        .append(f(num(r, "serverCpuMicrosPerOp"), 2)).append(" | ")
                        .append(f(num(r, "clientCpuCores"), 2)).append(" |\n");
            }
        }
        md.append("\nRatios: Hubs/raw ").append(ratio(bcHub, bcRaw)).append(", Hubs/Socket.IO ")
                .append(ratio(bcHub, bcSio)).append(", raw/Socket.IO ").append(ratio(bcRaw, bcSio)).append(".\n\n");

        // ---- long polling
        md.append("## Long polling\n\n");
        md.append("Hubs' long-polling transport against Socket.IO's polling transport (Engine.IO), each client with "
                + "one poll always outstanding and its sends on a second keep-alive connection. Echo: ")
                .append(env("plan.pollingConnections")).append(" connections, one call in flight each. Broadcast: ")
                .append(env("plan.pollingReceivers")).append(" receivers, one broadcast in flight. There is no "
                        + "raw baseline for long polling.\n\n");
        md.append("| scenario | system | per second | p50 | p99 | p99.9 | server CPU | server µs/op | client CPU |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String scenario : List.of("echo", "broadcast")) {
            for (String t : List.of("hub-long-polling", "socketio-polling")) {
                String figure = scenario.equals("echo") ? "callsPerSecond" : "deliveriesPerSecond";
                JsonObject r = median(runs(scenario, t), figure);
                if (r != null) {
                    md.append("| ").append(scenario.equals("echo") ? "echo (calls)" : "broadcast (deliveries)")
                            .append(" | ").append(r.getString("system")).append(" | ").append(count(num(r, figure)))
                            .append(" | ").append(micros(latency(r, "p50Micros"))).append(" | ")
                            .append(micros(latency(r, "p99Micros"))).append(" | ")
                            .append(micros(latency(r, "p999Micros"))).append(" | ")
                            .append(f(num(r, "serverCpuCores"), 2)).append(" | ")
                            .append(f(num(r, "serverCpuMicrosPerOp"), 1)).append(" | ")
                            .append(f(num(r, "clientCpuCores"), 2)).append(" |\n");
                }
            }
        }
        double lpEchoHub = medianFigure("echo", "hub-long-polling", "callsPerSecond");
        double lpEchoSio = medianFigure("echo", "socketio-polling", "callsPerSecond");
        double lpBcHub = medianFigure("broadcast", "hub-long-polling", "deliveriesPerSecond");
        double lpBcSio = medianFigure("broadcast", "socketio-polling", "deliveriesPerSecond");
        md.append("\nRatios Hubs/Socket.IO: echo ").append(ratio(lpEchoHub, lpEchoSio)).append(", broadcast ")
                .append(ratio(lpBcHub, lpBcSio)).append(".\n\n");

        // ---- idle
        md.append("## Idle connections\n\n");
        md.append(env("plan.idleConnections")).append(" connections opened and held for ")
                .append(env("plan.idleHoldSeconds")).append(" s with keep-alive (hub clients ping every 15 s as "
                        + "the official clients do, the server pings too; Socket.IO's server pings; raw "
                        + "WebSockets have none). *Heap* is the server's used heap after a full collection with the "
                        + "connections held, minus the same before they were opened, per connection: the JVM's "
                        + "heap read through its MemoryMXBean by the benchmark WAR's `/stats`, V8's `heapUsed` for "
                        + "Node. *RSS* is the same difference of the process's resident memory: for Liberty, whose "
                        + "heap is touched in full at start (`-XX:+AlwaysPreTouch`), memory outside the Java heap; for "
                        + "Node it includes V8's heap. *After close* is the heap "
                        + "left over once every connection was closed, against the same baseline.\n\n");
        md.append("| system | connections | heap / connection | RSS / connection | heap after close | "
                + "time to open all |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (String t : ws) {
            JsonObject r = median(runs("idle", t), "heapBytesPerConnection");
            if (r != null) {
                md.append("| ").append(r.getString("system")).append(" | ").append(count(num(r, "connections")))
                        .append(" | ").append(bytes(num(r, "heapBytesPerConnection"))).append(" | ")
                        .append(bytes(num(r, "rssBytesPerConnection"))).append(" | ")
                        .append(bytes(num(r, "heapRetainedAfterCloseBytes"))).append(" | ")
                        .append(f(num(r, "openSeconds"), 1)).append(" s |\n");
            }
        }
        heapByClass(idleHub, median(runs("idle", "raw"), "heapBytesPerConnection"));

        jmh(jmh);
        profiles(jfrDirectory);

        if (soakSection != null && Files.exists(soakSection)) {
            md.append(Files.readString(soakSection, StandardCharsets.UTF_8).strip()).append("\n\n");
        }

        md.append("## Analysis\n\n");
        if (analysis != null && Files.exists(analysis)) {
            md.append(Files.readString(analysis, StandardCharsets.UTF_8).trim()).append("\n");
        } else {
            md.append("(none written for this run)\n");
        }
        return md.toString();
    }

    private void environmentSection(String command) {
        md.append("## How this was measured\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| run | ").append(env("startedAt")).append(" to ").append(env("finishedAt")).append(" |\n");
        md.append("| machine | ").append(env("cpu")).append(", ").append(env("cpus")).append(" CPUs, ")
                .append(env("memory")).append(", ").append(env("os")).append(" |\n");
        md.append("| Hubs measured | ").append(env("hubsCommit")).append(" |\n");
        md.append("| pinning | ").append(env("pinning")).append(" |\n");
        md.append("| Open Liberty | ").append(env("libertyVersion")).append(" (").append(env("libertyServer"))
                .append("), features cdi-4.0, websocket-2.1, jsonb-3.0, jsonp-2.1; "
                        + "`-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch` |\n");
        md.append("| server JVM | ").append(env("libertyJvm")).append(", ").append(env("libertyGc")).append(" |\n");
        md.append("| Socket.IO | ").append(env("nodeServer")).append(", default options (no client bundle) |\n");
        md.append("| load generator | ").append(env("loadGeneratorJvm")).append(", one event-loop thread for every "
                + "WebSocket and long-polling connection (`dev.hubs.bench.load`) |\n");
        md.append("| machine load | 1/5/15-minute load average ").append(env("loadAverageAtStart"))
                .append(" at the start, ").append(env("loadAverageAtEnd")).append(" at the end; ")
                .append(env("loadNote")).append(" |\n");
        md.append("| network | loopback only (127.0.0.1) |\n");
        md.append("| command | `").append(command).append("` |\n\n");
        md.append("Every scenario is bounded in time (warm-up, measurement, and a limit on opening, draining and "
                + "closing) and fails with a message rather than waiting; no delivery may be lost (a broadcast that "
                + "does not reach every receiver within 10 s fails the run). The three systems get the same clients, "
                + "the same payloads and the same parameters: the raw endpoints receive exactly the text a hub "
                + "client sends (a SignalR invocation record) and send it back or on as it came, so raw and hub runs "
                + "move the same bytes; Socket.IO runs use its own framing (`42[\"echo\",...]` with an ack id).\n\n");
    }

    private void heapByClass(JsonObject idleHub, JsonObject idleRaw) {
        if (idleHub == null || !idleHub.containsKey("heapByClass")) {
            return;
        }
        Map<String, double[]> classes = new LinkedHashMap<>();
        JsonArray hubRows = idleHub.getJsonArray("heapByClass");
        for (int i = 0; i < hubRows.size(); i++) {
            JsonObject row = hubRows.getJsonObject(i);
            classes.put(row.getString("class"), new double[]{num(row, "bytesPerConnection"),
                    num(row, "instancesPerConnection"), Double.NaN});
        }
        if (idleRaw != null && idleRaw.containsKey("heapByClass")) {
            JsonArray rawRows = idleRaw.getJsonArray("heapByClass");
            for (int i = 0; i < rawRows.size(); i++) {
                JsonObject row = rawRows.getJsonObject(i);
                double[] v = classes.get(row.getString("class"));
                if (v != null) {
                    v[2] = num(row, "bytesPerConnection");
                }
            }
        }
        md.append("\nWhere an idle hub connection's heap goes: growth of the server's class histogram "
                + "(`jcmd GC.class_histogram`, after a full collection) between before opening and while held, per "
                + "connection, largest first, next to the same for a raw WebSocket connection (empty where the class "
                + "is not among the raw run's 60 largest).\n\n");
        md.append("| class | hub: instances / connection | hub: bytes / connection | raw: bytes / connection |\n"
                + "| --- | ---: | ---: | ---: |\n");
        int shown = 0;
        for (Map.Entry<String, double[]> e : classes.entrySet()) {
            if (shown++ == 25) {
                break;
            }
            double[] v = e.getValue();
            md.append("| `").append(e.getKey()).append("` | ").append(f(v[1], 2)).append(" | ")
                    .append(f(v[0], 0)).append(" | ").append(Double.isNaN(v[2]) ? "" : f(v[2], 0)).append(" |\n");
        }
        md.append('\n');
    }

    private void jmh(Path jmh) throws IOException {
        md.append("## Microbenchmarks (JMH)\n\n");
        if (jmh == null || !Files.exists(jmh)) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("hubs-core alone, in one JVM (`src/jmh`): the JSON hub protocol with Parsson and Yasson (the "
                + "implementations Liberty uses), and a broadcast to 1 000 connections through the in-memory "
                + "lifetime manager with transports that complete every write at once. One fork, 3 × 2 s warm-up, "
                + "5 × 2 s measurement; ± is JMH's 99.9 % confidence interval.\n\n");
        md.append("| benchmark | score | ± | unit |\n| --- | ---: | ---: | --- |\n");
        try (Reader reader = Files.newBufferedReader(jmh); JsonReader json = Json.createReader(reader)) {
            for (JsonValue value : json.readArray()) {
                JsonObject b = value.asJsonObject();
                String name = b.getString("benchmark");
                name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
                if (b.containsKey("params")) {
                    StringBuilder params = new StringBuilder();
                    b.getJsonObject("params").forEach((k, v) -> params.append(params.length() == 0 ? "" : ", ")
                            .append(k).append('=').append(v.toString().replace("\"", "")));
                    name += " (" + params + ")";
                }
                JsonObject metric = b.getJsonObject("primaryMetric");
                md.append("| `").append(name).append("` | ").append(f(num(metric, "score"), 2)).append(" | ")
                        .append(f(num(metric, "scoreError"), 2)).append(" | ").append(metric.getString("scoreUnit"))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private void profiles(Path directory) throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        List<Path> recordings = new ArrayList<>();
        try (var files = Files.list(directory)) {
            files.filter(p -> p.toString().endsWith(".jfr")).sorted().forEach(recordings::add);
        }
        if (recordings.isEmpty()) {
            return;
        }
        md.append("## Where the server's time goes (Flight Recorder)\n\n");
        md.append("The profile suite ran the echo and the broadcast once more at the same parameters, hub and raw, "
                + "with Flight Recorder on the server during the measurement (Java execution samples every "
                + "millisecond; allocation samples). These runs are not in the tables above. *Self* is the share of "
                + "samples taken in a layer's own code; *inclusive* the share with the layer anywhere on the "
                + "stack.\n\n");
        for (Path recording : recordings) {
            String name = recording.getFileName().toString().replace(".jfr", "");
            md.append("<details><summary>").append(name).append("</summary>\n\n");
            md.append(JfrSummary.read(recording).markdown(name, 15));
            md.append("\n</details>\n\n");
        }
    }

    // ---------------------------------------------------------------- chart data

    /** The figures the chart draws, by panel. */
    Map<String, double[]> chartData() {
        Map<String, double[]> data = new LinkedHashMap<>();
        String[] ws = {"raw", "hub", "socketio"};
        double[] echo = new double[3];
        double[] broadcast = new double[3];
        double[] p50 = new double[3];
        double[] p99 = new double[3];
        double[] idle = new double[3];
        for (int i = 0; i < 3; i++) {
            echo[i] = medianFigure("echo", ws[i], "callsPerSecond");
            broadcast[i] = medianFigure("broadcast", ws[i], "deliveriesPerSecond");
            JsonObject rate = median(runs("echo-rate", ws[i]), "callsPerSecond");
            p50[i] = latency(rate, "p50Micros") / 1000;
            p99[i] = latency(rate, "p99Micros") / 1000;
            idle[i] = medianFigure("idle", ws[i], "heapBytesPerConnection") / 1024;
        }
        data.put("echo", echo);
        data.put("broadcast", broadcast);
        data.put("p50", p50);
        data.put("p99", p99);
        data.put("idle", idle);
        data.put("polling", new double[]{
                medianFigure("echo", "hub-long-polling", "callsPerSecond"),
                medianFigure("echo", "socketio-polling", "callsPerSecond"),
                medianFigure("broadcast", "hub-long-polling", "deliveriesPerSecond"),
                medianFigure("broadcast", "socketio-polling", "deliveriesPerSecond")});
        return data;
    }

    // ---------------------------------------------------------------- command line

    /**
     * Writes the report.
     *
     * @param args see the class comment
     * @throws IOException when an input cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path resultsFile = Path.of(options.getOrDefault("results", "results.json"));
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(resultsFile); JsonReader json = Json.createReader(reader)) {
            root = json.readObject();
        }
        Report report = new Report(root);
        Predicate<String> has = options::containsKey;
        report.soakSection = has.test("soak") ? Path.of(options.get("soak")) : null;
        String text = report.write(has.test("jmh") ? Path.of(options.get("jmh")) : null,
                has.test("jfr-dir") ? Path.of(options.get("jfr-dir")) : null,
                has.test("analysis") ? Path.of(options.get("analysis")) : null,
                options.getOrDefault("command", "hubs-benchmarks/run-benchmarks.sh"),
                options.getOrDefault("chart-link", "benchmarks.png"));
        Path out = Path.of(options.getOrDefault("out", "BENCHMARKS.md"));
        Files.writeString(out, text, StandardCharsets.UTF_8);
        if (has.test("chart")) {
            Chart.write(report.chartData(), Path.of(options.get("chart")),
                    report.environment.getString("startedAt", ""));
        }
        System.out.println("wrote " + out + (has.test("chart") ? " and " + options.get("chart") : ""));
    }
}
