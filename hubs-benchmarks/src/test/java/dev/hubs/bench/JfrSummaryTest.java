package dev.hubs.bench;

import dev.hubs.bench.report.JfrSummary;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profile summary of the report reads a Flight Recorder recording: here one of this JVM, busy for a moment.
 */
class JfrSummaryTest {

    @Test
    void summarizesExecutionSamples(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.enable("jdk.ObjectAllocationSample");
            recording.start();
            long end = System.nanoTime() + 500_000_000L;
            List<String> garbage = new ArrayList<>();
            while (System.nanoTime() < end) {
                garbage.add(Long.toString(System.nanoTime()));
                if (garbage.size() > 10_000) {
                    garbage.clear();
                }
            }
            recording.stop();
            recording.dump(file);
        }
        JfrSummary summary = JfrSummary.read(file);
        assertTrue(summary.samples() > 0, "no execution samples");
        String markdown = summary.markdown("busy", 5);
        assertTrue(markdown.contains("| layer | self | inclusive |") && markdown.contains("Hottest methods"),
                markdown);
    }
}
