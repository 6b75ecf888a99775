package dev.hubs.bench.report;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a server's time went during a Flight Recorder recording: the execution samples of every thread, grouped
 * by the layer of the frame they were taken in (Hubs, the Liberty WebSocket and HTTP stack, CDI, JSON, the JDK
 * ...) and by method; the frames of Hubs also inclusively (a sample counts for each Hubs method on its stack); and
 * the allocation samples by the method that allocated.
 *
 * <p>{@code java dev.hubs.bench.report.JfrSummary recording.jfr} prints the tables as Markdown.
 */
public final class JfrSummary {

    /** Layers, tried in order on a frame's class name; the first prefix that matches names the layer. */
    private static final String[][] LAYERS = {
            {"dev.hubs.bench.", "benchmark app"},
            {"dev.hubs.", "Hubs"},
            {"com.ibm.ws.wsoc.", "Liberty WebSocket"},
            {"com.ibm.ws.http.", "Liberty HTTP channel"},
            {"com.ibm.ws.tcpchannel.", "Liberty TCP channel"},
            {"com.ibm.ws.channelfw.", "Liberty channel framework"},
            {"com.ibm.io.async.", "Liberty async I/O"},
            {"com.ibm.ws.webcontainer", "Liberty web container"},
            {"com.ibm.ws.threading.", "Liberty executor"},
            {"com.ibm.ws.", "Liberty (other)"},
            {"com.ibm.", "Liberty (other)"},
            {"org.jboss.weld.", "CDI (Weld)"},
            {"org.eclipse.yasson.", "JSON-B (Yasson)"},
            {"org.eclipse.parsson.", "JSON-P (Parsson)"},
            {"org.glassfish.json.", "JSON-P (Parsson)"},
            {"io.openliberty.", "Liberty (other)"},
            {"java.util.concurrent.", "JDK concurrency"},
            {"java.", "JDK"},
            {"javax.", "JDK"},
            {"jdk.", "JDK"},
            {"sun.nio.", "JDK NIO"},
            {"sun.", "JDK"},
            {"org.eclipse.osgi.", "OSGi"},
            {"org.apache.felix.", "OSGi"},
    };

    private final Map<String, Integer> selfByLayer = new HashMap<>();
    private final Map<String, Integer> selfByMethod = new HashMap<>();
    private final Map<String, Integer> inclusiveHubs = new HashMap<>();
    private final Map<String, Integer> inclusiveByLayer = new HashMap<>();
    private final Map<String, Long> allocationByMethod = new HashMap<>();
    private int samples;
    private long allocated;

    /**
     * Reads a recording.
     *
     * @param recording the .jfr file
     * @return the summary
     * @throws IOException when it cannot be read
     */
    public static JfrSummary read(Path recording) throws IOException {
        JfrSummary summary = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    summary.sample(event.getStackTrace());
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    summary.allocation(event.getStackTrace(), event.getLong("weight"));
                }
            }
        }
        return summary;
    }

    private void sample(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        String top = name(frames.get(0));
        selfByLayer.merge(layer(frames.get(0)), 1, Integer::sum);
        selfByMethod.merge(top, 1, Integer::sum);
        Set<String> seenHubs = new HashSet<>();
        Set<String> seenLayers = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String layer = layer(frame);
            if (seenLayers.add(layer)) {
                inclusiveByLayer.merge(layer, 1, Integer::sum);
            }
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            if (type.startsWith("dev.hubs.") && !type.startsWith("dev.hubs.bench.")) {
                String method = name(frame);
                if (seenHubs.add(method)) {
                    inclusiveHubs.merge(method, 1, Integer::sum);
                }
            }
        }
    }

    private void allocation(RecordedStackTrace stack, long weight) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        allocated += weight;
        // The first frame outside java.* tells who asked for the memory; fall back to the top frame.
        String owner = null;
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                owner = name(frame);
                break;
            }
        }
        allocationByMethod.merge(owner == null ? name(stack.getFrames().get(0)) : owner, weight, Long::sum);
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "(unknown)";
        }
        String type = method.getType().getName();
        int dot = type.lastIndexOf('.');
        return type.substring(dot + 1) + "." + method.getName() + " (" + (dot < 0 ? "" : type.substring(0, dot)) + ")";
    }

    private static String layer(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "(unknown)";
        }
        String type = method.getType().getName();
        for (String[] layer : LAYERS) {
            if (type.startsWith(layer[0])) {
                return layer[1];
            }
        }
        return "other";
    }

    /**
     * How many execution samples there were.
     *
     * @return the count
     */
    public int samples() {
        return samples;
    }

    /**
     * The Markdown tables.
     *
     * @param title    a heading line for the recording
     * @param topN     rows per table
     * @return the text
     */
    public String markdown(String title, int topN) {
        StringBuilder out = new StringBuilder();
        out.append("**").append(title).append("** (").append(samples).append(" execution samples)\n\n");
        out.append("| layer | self | inclusive |\n| --- | ---: | ---: |\n");
        for (Map.Entry<String, Integer> e : sorted(selfByLayer, topN)) {
            out.append("| ").append(e.getKey()).append(" | ").append(percent(e.getValue(), samples)).append(" | ")
                    .append(percent(inclusiveByLayer.getOrDefault(e.getKey(), 0), samples)).append(" |\n");
        }
        out.append("\nHottest methods (self time):\n\n| method | self |\n| --- | ---: |\n");
        for (Map.Entry<String, Integer> e : sorted(selfByMethod, topN)) {
            out.append("| `").append(e.getKey()).append("` | ").append(percent(e.getValue(), samples)).append(" |\n");
        }
        if (!inclusiveHubs.isEmpty()) {
            out.append("\nHubs methods on the stack (inclusive):\n\n| method | inclusive |\n| --- | ---: |\n");
            for (Map.Entry<String, Integer> e : sorted(inclusiveHubs, topN)) {
                out.append("| `").append(e.getKey()).append("` | ").append(percent(e.getValue(), samples))
                        .append(" |\n");
            }
        }
        if (allocated > 0) {
            out.append("\nAllocation (sampled bytes, by the first method outside the JDK that allocated):\n\n"
                    + "| method | share |\n| --- | ---: |\n");
            Map<String, Long> longs = new LinkedHashMap<>(allocationByMethod);
            List<Map.Entry<String, Long>> rows = new ArrayList<>(longs.entrySet());
            rows.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            for (Map.Entry<String, Long> e : rows.subList(0, Math.min(topN, rows.size()))) {
                out.append("| `").append(e.getKey()).append("` | ")
                        .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / allocated))
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts, int topN) {
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        return rows.subList(0, Math.min(topN, rows.size()));
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /**
     * Prints the summary of each recording named.
     *
     * @param args .jfr files
     * @throws IOException when one cannot be read
     */
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            System.out.println(read(Path.of(arg)).markdown(arg, 20));
        }
    }
}
