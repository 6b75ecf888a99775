package dev.hubs.bench.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.hubs.bench.report.Report.bytes;
import static dev.hubs.bench.report.Report.count;
import static dev.hubs.bench.report.Report.f;
import static dev.hubs.bench.report.Report.micros;
import static dev.hubs.bench.report.Report.num;

/**
 * Writes the section <em>Soak</em> of BENCHMARKS.md from the results of a soak run ({@code --suite soak}), and puts
 * it into an existing BENCHMARKS.md without touching the rest of the file.
 *
 * <pre>
 * java -cp ... dev.hubs.bench.report.SoakReport --results soak.json --section src/report/soak.md \
 *      [--splice BENCHMARKS.md] [--command hubs-benchmarks/run-soak.sh]
 * </pre>
 * The section is kept in {@code hubs-benchmarks/src/report/soak.md}, which {@link Report} includes when it
 * regenerates BENCHMARKS.md ({@code --soak}), so the soak's figures survive a run of the other benchmarks and the
 * other figures survive a soak.
 */
public final class SoakReport {

    /** The heading that starts the section. */
    static final String HEADING = "## Soak: many connections under a steady broadcast";

    private SoakReport() {
    }

    /**
     * The section for the soak result of a results file.
     *
     * @param root    the results file
     * @param command the command that ran it
     * @return the Markdown, or {@code null} when the file holds no soak result
     */
    static String section(JsonObject root, String command) {
        JsonObject environment = root.getJsonObject("environment");
        JsonObject soak = null;
        for (JsonValue value : root.getJsonArray("results")) {
            JsonObject r = value.asJsonObject();
            if ("soak".equals(r.getString("scenario"))) {
                soak = r;
            }
        }
        if (soak == null) {
            return null;
        }
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append("\n\n");
        md.append(count(num(soak, "receivers"))).append(" hub connections over WebSockets receive a broadcast that "
                        + "one more connection sends at a steady ").append(f(num(soak, "rate"), 0))
                .append(" broadcasts a second (").append(payload(soak)).append("), for ")
                .append(seconds(num(soak, "durationSeconds"))).append(": ")
                .append(count(num(soak, "rate") * num(soak, "receivers")))
                .append(" deliveries a second due, sent whether or not earlier ones have arrived. Every broadcast "
                        + "carries a sequence number and its send time; each receiver checks the numbers, so a "
                        + "message lost to a client that reads is counted. The receivers ping every ")
                .append(seconds(num(soak, "keepAliveSeconds")))
                .append(num(soak, "keepAliveSeconds") == 15 ? ", as the official clients do" : "")
                .append(". A delivery's latency includes its place in the fan-out: each broadcast is written to "
                        + "the connections one after another, so the median receiver waits for about half of them. "
                        + "Heap: the server's used heap after a forced full collection before the connections "
                        + "opened, once they were open, and at the end (connections still open); per interval, with "
                        + "no collection forced, the heap in use after the server's latest collection and at that "
                        + "moment. Command: `").append(command).append("`.\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| run | ").append(environment.getString("startedAt", "n/a")).append(" to ")
                .append(environment.getString("finishedAt", "n/a")).append(" |\n");
        md.append("| machine | ").append(environment.getString("cpu", "n/a")).append(", ")
                .append(environment.getString("cpus", "?")).append(" CPUs; ")
                .append(environment.getString("pinning", "no pinning")).append(" |\n");
        md.append("| Hubs measured | ").append(environment.getString("hubsCommit", "n/a")).append(" |\n");
        md.append("| machine load | ").append(environment.getString("loadNote", "n/a"))
                .append("; 1/5/15-minute load average ").append(environment.getString("loadAverageAtStart", "?"))
                .append(" at the start, ").append(environment.getString("loadAverageAtEnd", "?"))
                .append(" at the end |\n");
        md.append("| **messages lost to healthy clients** | **").append(count(num(soak, "lostToHealthyClients")))
                .append("** of ").append(count(num(soak, "expectedDeliveries"))).append(" due (")
                .append(count(num(soak, "broadcastsSent"))).append(" broadcasts); out of order: ")
                .append(count(num(soak, "outOfOrder"))).append("; connections dropped: ")
                .append(count(num(soak, "sessionsClosedDuringRun"))).append(" |\n");
        md.append("| deliveries/s | ").append(count(num(soak, "deliveriesPerSecond"))).append(" |\n");
        JsonObject latency = soak.containsKey("latency") ? soak.getJsonObject("latency") : null;
        md.append("| latency, whole run | p50 ").append(micros(num(latency, "p50Micros"))).append(", p99 ")
                .append(micros(num(latency, "p99Micros"))).append(", p99.9 ")
                .append(micros(num(latency, "p999Micros"))).append(", max ")
                .append(micros(num(latency, "maxMicros"))).append(" |\n");
        md.append("| server CPU | ").append(f(num(soak, "serverCpuCores"), 2)).append(" cores, ")
                .append(f(num(soak, "serverCpuMicrosPerOp"), 1)).append(" µs per delivery |\n");
        md.append("| heap after full GC | ").append(bytes(num(soak, "heapBefore"))).append(" before, ")
                .append(bytes(num(soak, "heapOpened"))).append(" with the connections open, ")
                .append(bytes(num(soak, "heapEnd"))).append(" at the end (growth during the run: ")
                .append(bytes(num(soak, "heapGrowthDuringRunBytes"))).append(") |\n");
        md.append("| time to open the connections | ").append(f(num(soak, "openSeconds"), 1)).append(" s |\n\n");
        md.append("Over time (each row is one interval of ").append(seconds(num(soak, "intervalSeconds")))
                .append("):\n\n");
        md.append("| at | deliveries/s | p50 | p99 | p99.9 | max | lost so far | heap after latest GC | heap used "
                + "| server CPU |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        if (soak.containsKey("intervals")) {
            for (JsonValue value : soak.getJsonArray("intervals")) {
                JsonObject row = value.asJsonObject();
                md.append("| ").append(seconds(num(row, "seconds"))).append(" | ")
                        .append(count(num(row, "deliveriesPerSecond"))).append(" | ")
                        .append(micros(num(row, "p50Micros"))).append(" | ")
                        .append(micros(num(row, "p99Micros"))).append(" | ")
                        .append(micros(num(row, "p999Micros"))).append(" | ")
                        .append(micros(num(row, "maxMicros"))).append(" | ")
                        .append(count(num(row, "lostSoFar"))).append(" | ")
                        .append(bytes(num(row, "heapAfterLastGc"))).append(" | ")
                        .append(bytes(num(row, "heapUsed"))).append(" | ")
                        .append(f(num(row, "serverCpuCores"), 2)).append(" |\n");
            }
        }
        if (soak.containsKey("error")) {
            md.append("\n**The run failed:** ").append(soak.getString("error")).append("\n");
        }
        return md.toString();
    }

    private static String seconds(double s) {
        return f(s, s < 10 ? 1 : 0) + " s";
    }

    private static String payload(JsonObject soak) {
        return count(num(soak, "payloadBytes")) + "-character payload";
    }

    /**
     * Replaces the soak section of a BENCHMARKS.md (from its heading to the next {@code ## } heading), or inserts it
     * before the section <em>Analysis</em> (at the end when there is none).
     *
     * @param document the file's text
     * @param section  the new section
     * @return the new text
     */
    static String splice(String document, String section) {
        String body = section.strip() + "\n\n";
        int start = document.indexOf(HEADING);
        if (start >= 0) {
            int end = document.indexOf("\n## ", start + HEADING.length());
            return document.substring(0, start) + body + (end < 0 ? "" : document.substring(end + 1));
        }
        int analysis = document.indexOf("\n## Analysis");
        if (analysis < 0) {
            return document.stripTrailing() + "\n\n" + body;
        }
        return document.substring(0, analysis + 1) + body + document.substring(analysis + 1);
    }

    /**
     * Writes the section, and splices it into a BENCHMARKS.md when asked.
     *
     * @param args see the class comment
     * @throws IOException when an input cannot be read or an output written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        JsonObject root;
        try (Reader reader = Files.newBufferedReader(Path.of(options.getOrDefault("results", "soak.json")));
             JsonReader json = Json.createReader(reader)) {
            root = json.readObject();
        }
        String section = section(root, options.getOrDefault("command", "hubs-benchmarks/run-soak.sh"));
        if (section == null) {
            throw new IllegalArgumentException("no soak result in " + options.get("results"));
        }
        Path out = Path.of(options.getOrDefault("section", "soak.md"));
        Files.writeString(out, section, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
        if (options.containsKey("splice")) {
            Path document = Path.of(options.get("splice"));
            Files.writeString(document, splice(Files.readString(document, StandardCharsets.UTF_8), section),
                    StandardCharsets.UTF_8);
            System.out.println("updated " + document);
        }
    }
}
