package dev.hubs.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the server's JVM through the JDK's {@code jcmd}: class histograms (which objects the idle connections
 * hold) and Flight Recorder recordings (where the time goes). Needs the server's process id.
 */
final class Jcmd {

    private final long pid;
    private final Path jcmd;

    Jcmd(long pid) {
        this.pid = pid;
        Path sibling = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(sibling) ? sibling : Path.of("jcmd");
    }

    /** Runs a diagnostic command and returns what it printed. */
    String run(String... command) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(jcmd.toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("jcmd " + String.join(" ", command) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Bytes and instances per class name, after a full collection (GC.class_histogram collects first). */
    Map<String, long[]> histogram() throws IOException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : run("GC.class_histogram").split("\n")) {
            String[] parts = line.trim().split("\\s+");
            // "   1:        123456       7890123  java.lang.String (java.base@17)"
            if (parts.length >= 4 && parts[0].endsWith(":") && Character.isDigit(parts[0].charAt(0))) {
                try {
                    classes.put(parts[3], new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                } catch (NumberFormatException e) {
                    // a header or total line
                }
            }
        }
        return classes;
    }

    /** The classes whose bytes grew most between two histograms, per connection, as report rows. */
    static List<Map<String, Object>> growth(Map<String, long[]> before, Map<String, long[]> after, int connections,
                                            int rows) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.forEach((name, counts) -> {
            long[] old = before.getOrDefault(name, new long[2]);
            grown.add(Map.entry(name, new long[]{counts[0] - old[0], counts[1] - old[1]}));
        });
        grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        List<Map<String, Object>> top = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(rows, grown.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", entry.getKey());
            row.put("instancesPerConnection", entry.getValue()[0] / (double) connections);
            row.put("bytesPerConnection", entry.getValue()[1] / (double) connections);
            top.add(row);
        }
        return top;
    }
}
