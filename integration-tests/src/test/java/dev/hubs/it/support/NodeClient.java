package dev.hubs.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a scenario script of {@code src/test/node} with Node: the official JavaScript client
 * ({@code @microsoft/signalr}, installed by {@code npm ci} during the build) against a deployed hub.
 *
 * <p>A script is run as {@code node <script> <base URL> <transport> [scenario ...]} in the directory the build copied
 * the scripts to and installed {@code node_modules} in ({@code target/npm}, passed by failsafe as
 * {@code hubs.it.node.dir}): Node's ES module resolution looks for {@code node_modules} next to the importing file, so
 * {@code import * as signalR from "@microsoft/signalr"} finds the installed client (it ignores {@code NODE_PATH}, which
 * is set anyway for CommonJS code). The script prints one JSON line, its report (see {@code harness.mjs}), which
 * {@link NodeRun#scenario(String)} reads. {@code node} comes from the {@code PATH}, or from the system property
 * {@code hubs.it.node.executable}.
 *
 * <p>Scripts end on their own, having stopped every connection. A script still running after its timeout is killed,
 * with every process it started, and the run reports what it had printed so far.
 */
public final class NodeClient {

    /** How long a script may run when the test does not say: a handful of scenarios, each with 10 s waits at most. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    /** The transports of the JavaScript client, named as in {@code signalR.HttpTransportType}. */
    public enum Transport {
        WebSockets, ServerSentEvents, LongPolling
    }

    private static final System.Logger LOG = System.getLogger(NodeClient.class.getName());

    private NodeClient() {
    }

    /**
     * Runs every scenario of a script, or those named, with the default timeout.
     *
     * @param script    the file name in {@code src/test/node}, for example {@code echo.mjs}
     * @param base      the deployed application's URL as Arquillian gives it
     * @param transport the transport the script's connections use
     * @param scenarios the scenarios to run; none for all of them
     * @return what the script did
     */
    public static NodeRun run(String script, URL base, Transport transport, String... scenarios) {
        return run(DEFAULT_TIMEOUT, script, base, transport, scenarios);
    }

    /**
     * Runs every scenario of a script, or those named.
     *
     * @param timeout   how long the script may run before it is killed
     * @param script    the file name in {@code src/test/node}
     * @param base      the deployed application's URL
     * @param transport the transport the script's connections use
     * @param scenarios the scenarios to run; none for all of them
     * @return what the script did
     */
    public static NodeRun run(Duration timeout, String script, URL base, Transport transport, String... scenarios) {
        return run(timeout, script, base, transport, java.util.Map.of(), scenarios);
    }

    /**
     * Runs scenarios of a script with extra environment variables, such as the tokens a security scenario sends.
     *
     * @param timeout     how long the script may run before it is killed
     * @param script      the file name in {@code src/test/node}
     * @param base        the deployed application's URL
     * @param transport   the transport the script's connections use
     * @param environment variables set for the script
     * @param scenarios   the scenarios to run; none for all of them
     * @return what the script did
     */
    public static NodeRun run(Duration timeout, String script, URL base, Transport transport,
                              java.util.Map<String, String> environment, String... scenarios) {
        Path directory = directory();
        Path file = directory.resolve(script);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No script " + file + ": the build copies src/test/node to "
                    + directory + " in generate-test-sources");
        }
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("hubs.it.node.executable", "node"));
        command.add(file.toString());
        command.add(base.toString());
        command.add(transport.name());
        command.addAll(Arrays.asList(scenarios));

        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().put("NODE_PATH", directory.resolve("node_modules").toString());
        builder.environment().put("HUBS_IT_TIMEOUT_MS", Long.toString(Await.TIMEOUT.toMillis()));
        builder.environment().put("NO_COLOR", "1");
        builder.environment().putAll(environment);
        // -Dhubs.it.node.logLevel=Trace makes the client log every message (to stderr, quoted when a scenario fails).
        String logLevel = System.getProperty("hubs.it.node.logLevel");
        if (logLevel != null) {
            builder.environment().put("HUBS_IT_LOG_LEVEL", logLevel);
        }

        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.get(0) + " (Node.js must be on the PATH, or "
                    + "set -Dhubs.it.node.executable): " + command, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the script's stdin failed", e);
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());

        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                killTree(process);
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while " + script + " ran", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        NodeRun run = new NodeRun(script, transport, List.copyOf(command), timedOut ? -1 : process.exitValue(),
                timedOut, took, collected(stdout), collected(stderr));
        if (!run.stderr().isBlank()) {
            LOG.log(System.Logger.Level.INFO, "{0} wrote to stderr:\n{1}", script, run.stderr().strip());
        }
        return run;
    }

    /** Where the scripts and node_modules are: {@code hubs.it.node.dir}, else {@code target/npm}. */
    static Path directory() {
        Path directory = Path.of(System.getProperty("hubs.it.node.dir", "target/npm")).toAbsolutePath().normalize();
        if (!Files.isDirectory(directory.resolve("node_modules/@microsoft/signalr"))) {
            throw new IllegalStateException("@microsoft/signalr is not installed in " + directory + "/node_modules: "
                    + "run the tests through Maven, whose generate-test-resources phase runs npm ci there");
        }
        return directory;
    }

    /** Kills a process and every process it started, and waits for them to end. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Node process " + process.pid() + " did not end when killed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                text.completeExceptionally(e);
            }
        }, "node-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static String collected(CompletableFuture<String> output) {
        try {
            return output.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "<output not readable: " + e + ">";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<interrupted>";
        }
    }
}
