package dev.hubs.bench;

import dev.hubs.bench.load.LoadGenerator;
import dev.hubs.bench.report.Report;
import dev.hubs.bench.report.SoakReport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The smoke run of the benchmarks: every scenario against every system with tiny numbers (two connections, a
 * fraction of a second), so that the harness cannot rot. It checks that each scenario ran to its end and produced
 * figures, and that the report can be written from them. It never checks how fast anything is.
 *
 * <p>The build starts the benchmark WAR's Liberty around this test; the test starts the Socket.IO server itself.
 */
class BenchmarkSmokeIT {

    private static final String SERVER = System.getProperty("bench.server.url", "http://127.0.0.1:9780");
    private static final Path NPM = Path.of(System.getProperty("bench.npm.dir", "target/npm"));
    private static final Path OUT = Path.of(System.getProperty("bench.out.dir", "target/smoke"));

    private static Process node;
    private static String socketio;

    @BeforeAll
    static void startSocketIo() throws Exception {
        node = new ProcessBuilder("node", "--expose-gc", NPM.resolve("socketio-server.mjs").toString(), "0",
                "--watch-stdin").redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return output.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("listening ")) {
            fail("the Socket.IO server did not start: " + line);
        }
        socketio = "http://127.0.0.1:" + line.substring("listening ".length()).trim();
        Thread drain = new Thread(() -> {
            try {
                output.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the server ended
            }
        }, "socketio-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopSocketIo() throws InterruptedException {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyScenarioRunsAndTheReportIsWritten() throws Exception {
        Files.createDirectories(OUT);
        Path results = OUT.resolve("results.json");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("server", SERVER);
        options.put("socketio", socketio);
        options.put("suite", "smoke");
        options.put("out", results.toString());
        boolean allRan = LoadGenerator.run(options, Map.of("pinning", "none (smoke run)", "loadNote", "smoke run"));

        List<JsonObject> runs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(results); JsonReader json = Json.createReader(reader)) {
            for (JsonValue value : json.readObject().getJsonArray("results")) {
                runs.add(value.asJsonObject());
            }
        }
        List<String> errors = new ArrayList<>();
        runs.stream().filter(r -> r.containsKey("error"))
                .forEach(r -> errors.add(r.getString("scenario") + "/" + r.getString("target") + ": "
                        + r.getString("error")));
        assertTrue(errors.isEmpty(), "scenarios failed: " + errors);
        assertTrue(allRan, "the load generator reported a failure");

        for (String target : List.of("raw", "hub", "socketio")) {
            assertFigure(runs, "echo-single", target, "callsPerSecond");
            assertFigure(runs, "echo", target, "callsPerSecond");
            assertFigure(runs, "echo-rate", target, "callsPerSecond");
            assertFigure(runs, "broadcast", target, "deliveriesPerSecond");
            assertFigure(runs, "idle", target, "heapHeld");
            assertLatency(runs, "echo", target);
            assertLatency(runs, "broadcast", target);
        }
        for (String target : List.of("hub-long-polling", "socketio-polling")) {
            assertFigure(runs, "echo", target, "callsPerSecond");
            assertFigure(runs, "broadcast", target, "deliveriesPerSecond");
        }
        // The soak, with a few connections for a second and a half: every broadcast reached every receiver.
        JsonObject soak = find(runs, "soak", "hub");
        assertFigure(runs, "soak", "hub", "deliveriesPerSecond");
        assertLatency(runs, "soak", "hub");
        assertEquals(0, soak.getJsonNumber("lostToHealthyClients").longValue(), soak.toString());
        assertEquals(soak.getJsonNumber("expectedDeliveries").longValue(), soak.getJsonNumber("deliveries").longValue(),
                soak.toString());
        assertTrue(soak.getJsonArray("intervals").size() >= 2, "figures over time: " + soak);
        assertTrue(soak.getJsonArray("intervals").getJsonObject(0).getJsonNumber("heapAfterLastGc").longValue() > 0,
                "the server's heap over time: " + soak);
        // echo-single, echo, echo-rate, broadcast and idle for three systems; echo and broadcast for two pollers; soak
        assertEquals(5 * 3 + 2 * 2 + 1, runs.size(), "one result per scenario run");

        Path markdown = OUT.resolve("BENCHMARKS.md");
        Path chart = OUT.resolve("benchmarks.png");
        Path soakSection = OUT.resolve("soak.md");
        SoakReport.main(new String[]{"--results", results.toString(), "--section", soakSection.toString(),
                "--command", "smoke"});
        Report.main(new String[]{"--results", results.toString(), "--out", markdown.toString(),
                "--chart", chart.toString(), "--command", "smoke", "--soak", soakSection.toString()});
        String text = Files.readString(markdown);
        assertTrue(text.contains("## Targets") && text.contains("## Echo over WebSockets")
                && text.contains("## Idle connections") && text.contains("## Soak"), text);
        assertTrue(text.contains("| **messages lost to healthy clients** | **0** of"), text);
        // A later soak replaces its section and leaves the rest of the file as it was.
        SoakReport.main(new String[]{"--results", results.toString(), "--section", soakSection.toString(),
                "--command", "again", "--splice", markdown.toString()});
        String spliced = Files.readString(markdown);
        assertEquals(text.replace("Command: `smoke`", "Command: `again`"), spliced);
        assertFalse(text.contains("Scenarios that failed"), text);
        assertTrue(Files.size(chart) > 10_000, "the chart was drawn");
    }

    private static JsonObject find(List<JsonObject> runs, String scenario, String target) {
        return runs.stream()
                .filter(r -> r.getString("scenario").equals(scenario) && r.getString("target").equals(target))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + scenario + "/" + target));
    }

    private static void assertFigure(List<JsonObject> runs, String scenario, String target, String figure) {
        JsonObject run = find(runs, scenario, target);
        assertTrue(run.containsKey(figure) && run.getJsonNumber(figure).doubleValue() > 0,
                scenario + "/" + target + " produced no " + figure + ": " + run);
    }

    private static void assertLatency(List<JsonObject> runs, String scenario, String target) {
        JsonObject run = find(runs, scenario, target);
        assertTrue(run.containsKey("latency") && run.getJsonObject("latency").getJsonNumber("count").longValue() > 0,
                scenario + "/" + target + " recorded no latency: " + run);
    }
}
