package dev.hubs.bench;

import dev.hubs.bench.load.ClusterBenchmark;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke run of the cross-server broadcast harness ({@link ClusterBenchmark}): its three configurations with tiny
 * numbers, all pointed at the build's one benchmark server (the real run, {@code run-cluster-benchmark.sh}, starts two
 * servers and Redis). It checks that every configuration ran to its end with deliveries on both "servers" and that
 * the report was written; never how fast anything is.
 */
class ClusterBenchmarkSmokeIT {

    private static final String SERVER = System.getProperty("bench.server.url", "http://127.0.0.1:9780");
    private static final Path OUT = Path.of(System.getProperty("bench.out.dir", "target/smoke"));

    @Test
    @Timeout(120)
    void everyConfigurationRunsAndIsReported() throws Exception {
        Files.createDirectories(OUT);
        Path json = OUT.resolve("cluster.json");
        Path report = OUT.resolve("cluster.md");
        boolean ok = ClusterBenchmark.run(Map.of("single", SERVER, "server-a", SERVER, "server-b", SERVER,
                "receivers", "4", "rounds", "1", "warmup", "0.2", "measure", "0.5",
                "out", json.toString(), "report", report.toString()));
        assertTrue(ok, "every configuration must run to its end");
        try (Reader in = Files.newBufferedReader(json); JsonReader reader = Json.createReader(in)) {
            JsonArray results = reader.readObject().getJsonArray("results");
            assertEquals(3, results.size());
            for (JsonObject result : results.getValuesAs(JsonObject.class)) {
                assertTrue(result.getJsonNumber("deliveries").longValue() > 0, result.toString());
            }
            JsonObject split = results.getJsonObject(2);
            assertEquals(2, split.getInt("receiversOnB"));
            assertTrue(split.containsKey("latencyOnB"), "receivers on B were measured apart: " + split);
        }
        String table = Files.readString(report);
        assertTrue(table.contains("| two servers through Redis |"), table);
    }
}
