package dev.hubs.bench.server;

import com.sun.management.GcInfo;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the load generator reads of the server, through the platform MBeans: the process's CPU time (to tell how
 * busy the server was during a measurement, and its CPU time per operation) and the used heap, after a full
 * collection when asked ({@code ?gc=true}: the idle scenario's heap per connection). Also the JVM's identity, for
 * the report; and the heap in use after the last collection, with none forced (the soak's heap over time). The
 * Socket.IO server answers the same questions at its own {@code /stats}.
 *
 * <p>{@code GET /stats[?gc=true]} answers one JSON object.
 */
@WebServlet("/stats")
public class StatsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        boolean gc = Boolean.parseBoolean(request.getParameter("gc"));
        if (gc) {
            // Several rounds with pauses: objects that needed finalization or reference processing in the first
            // round are gone after the last, so the figure is what is really reachable.
            for (int i = 0; i < 3; i++) {
                memory.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        MemoryUsage heap = memory.getHeapMemoryUsage();
        com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        long cpuNanos = os == null ? -1 : os.getProcessCpuTime();
        String body = "{\"server\":\"" + json(request.getServletContext().getServerInfo())
                + "\",\"jvm\":\"" + json(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                + "\",\"gc\":\"" + json(collectors())
                + "\",\"cpuNanos\":" + cpuNanos
                + ",\"heapUsed\":" + heap.getUsed()
                + ",\"heapCommitted\":" + heap.getCommitted()
                + ",\"heapAfterLastGc\":" + heapAfterLastGc()
                + ",\"rss\":" + residentBytes()
                + ",\"gcForced\":" + gc
                + ",\"availableProcessors\":" + Runtime.getRuntime().availableProcessors()
                + "}";
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body);
    }

    /**
     * The heap in use right after the most recent collection (young or full), from that collection's record: the
     * live data plus what the collection left for later, with no collection forced (the soak reads it while it
     * measures latencies). -1 before the first collection.
     */
    private static long heapAfterLastGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof com.sun.management.GarbageCollectorMXBean gc) {
                GcInfo info = gc.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return -1;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? latest.getMemoryUsageAfterGc().get(pool.getName())
                    : null;
            if (after != null) {
                used += after.getUsed();
            }
        }
        return used;
    }

    private static String collectors() {
        StringBuilder names = new StringBuilder();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(bean -> {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(bean.getName());
        });
        return names.toString();
    }

    /** The resident set size, from /proc on Linux; -1 elsewhere. */
    private static long residentBytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: unknown
        }
        return -1;
    }

    private static String json(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
