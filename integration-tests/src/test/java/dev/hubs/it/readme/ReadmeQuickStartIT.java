package dev.hubs.it.readme;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's quick start on a fresh clone, as a new user follows it: clone the repository (its committed
 * {@code HEAD}) into {@code target/readme-clone}, run the README's run command there, literally, with a shell, and
 * open the page it names.
 *
 * <p>The only additions to the command are free loopback ports ({@code -Dliberty.http.port},
 * {@code -Dliberty.https.port}, which the README documents for moving the chat) and the build's local Maven repository,
 * so that nothing is downloaded that the build does not already have. The clone has its own Liberty under its own
 * {@code target/}, apart from the integration tests' server. The test waits for Liberty's "server is ready" line in
 * the command's output (not for a time), then asks for the page, the SignalR client the build fetched, and the hub's
 * negotiate; it stops the server with Liberty's own {@code server stop} and ends the command's process tree.
 *
 * <p>Uncommitted changes are not part of the clone: the test checks what a clone of the repository gets.
 */
class ReadmeQuickStartIT {

    /** Generous: the first run unpacks Open Liberty and compiles the modules on a busy two-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(6);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(90);
    /** Liberty's message that the server has started its applications and is ready. */
    private static final String READY = "CWWKF0011I";

    @Test
    void theReadmesRunCommandStartsTheChatFromAFreshClone() throws Exception {
        Path repository = Path.of(System.getProperty("hubs.it.repository", "..")).toAbsolutePath().normalize();
        QuickStart quickStart = QuickStart.of(Files.readString(repository.resolve("README.md")));
        String run = quickStart.command("liberty:run").orElseThrow(() -> new AssertionError(
                "The README's quick start has no shell command with liberty:run:\n" + quickStart.text()));
        assertTrue(quickStart.text().contains("http://localhost:9080/"),
                "The quick start names the page's URL:\n" + quickStart.text());

        Path target = Path.of(System.getProperty("hubs.it.target", "target")).toAbsolutePath();
        Path clone = target.resolve("readme-clone");
        deleteTree(clone);
        String head = git(repository, "rev-parse", "HEAD");
        // --no-local: through git's own transport, as from a server, which also works from a linked work tree.
        git(target, "clone", "--quiet", "--no-local", "--no-checkout", repository.toString(), clone.toString());
        git(clone, "checkout", "--quiet", "--detach", head);

        int httpPort = freePort();
        int httpsPort = freePort();
        List<String> overrides = new ArrayList<>(List.of(
                "-Dliberty.http.port=" + httpPort, "-Dliberty.https.port=" + httpsPort));
        String localRepository = System.getProperty("hubs.it.maven.repo.local", "");
        if (!localRepository.isBlank()) {
            overrides.add("-Dmaven.repo.local=" + localRepository);
        }
        String commandLine = run + " " + String.join(" ", overrides);
        Path log = target.resolve("readme-clone.log");

        // exec: the shell becomes the command, so the process tree is Maven's and Liberty's.
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "exec " + commandLine)
                .directory(clone.toFile())
                .redirectErrorStream(true);
        // What the Maven running this test exported about its own project must not leak into the clone's build.
        builder.environment().keySet().removeAll(List.of("MAVEN_PROJECTBASEDIR", "MAVEN_BASEDIR",
                "MAVEN_CMD_LINE_ARGS", "MAVEN_CONFIG"));
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = copyOutput(process, log, ready);
        try {
            String readyLine = awaitReady(process, ready, commandLine, log);
            String page = "http://localhost:" + httpPort + "/";
            // HTTP/1.1, as every test here: with its default HTTP/2 the JDK client asks for an h2c upgrade, and a GET
            // to the freshly started sample server then went unanswered.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> index = get(http, page);
            HttpResponse<String> client = get(http, page + "js/signalr.min.js");
            HttpResponse<String> negotiate = http.send(HttpRequest.newBuilder(
                            URI.create(page + "chathub/negotiate?negotiateVersion=1"))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String output = Files.readString(log);
            assertAll("the sample started by `" + commandLine + "` (" + readyLine + ", output in " + log + ")",
                    () -> assertEquals(200, index.statusCode(), index::body),
                    () -> assertTrue(index.body().contains("<title>Hubs chat</title>"), index::body),
                    () -> assertEquals(200, client.statusCode(), "the SignalR client fetched by the build"),
                    () -> assertEquals(200, negotiate.statusCode(), negotiate::body),
                    () -> assertTrue(negotiate.body().contains("\"connectionId\""), negotiate::body),
                    () -> assertTrue(output.contains(page), "the output names the page's URL " + page));
        } finally {
            stop(clone, process);
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Waits for the ready line, failing early when the command ends first. */
    private static String awaitReady(Process process, CompletableFuture<String> ready, String commandLine, Path log)
            throws InterruptedException {
        CompletableFuture<Object> readyOrExit = CompletableFuture.anyOf(ready,
                process.onExit().thenApply(exited -> "exit"));
        Object first;
        try {
            first = readyOrExit.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("`" + commandLine + "` did not start the server within "
                    + START_LIMIT.toMinutes() + " min:\n" + tail(log), e);
        } catch (ExecutionException e) {
            throw new AssertionError("Reading the output of `" + commandLine + "` failed", e.getCause());
        }
        if (!ready.isDone()) {
            throw new AssertionError("`" + commandLine + "` ended with " + first + " " + process.exitValue()
                    + " before the server was ready:\n" + tail(log));
        }
        return ready.join();
    }

    /** Copies the command's output to the log, completing {@code ready} with Liberty's ready line. */
    private static Thread copyOutput(Process process, Path log, CompletableFuture<String> ready) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    if (line.contains(READY)) {
                        ready.complete(line.strip());
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
        }, "readme-clone-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Stops the server with Liberty's own script (the clean way, as {@code liberty:stop} does), then ends what is
     * left of the command's process tree.
     */
    private static void stop(Path clone, Process process) throws InterruptedException, IOException {
        Path server = clone.resolve("sample-war/target/liberty/wlp/bin/server");
        if (Files.isExecutable(server)) {
            Process stop = new ProcessBuilder(server.toString(), "stop", "chat")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        git.getOutputStream().close();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!git.waitFor(2, TimeUnit.MINUTES) || git.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
