package dev.hubs.redis.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of the test's own, on a free loopback port, with nothing saved to disk. Start it
 * with {@link #start()}, stop it with {@link #close()}; {@link #stop()} and {@link #restart()} make an outage.
 * A shutdown hook ends the process if the JVM exits first, so no server outlives the build.
 *
 * <p>The executable is {@code redis-server} from the {@code PATH} (Debian's package {@code redis-server}; the CI
 * script installs it), or the file named by the system property {@code hubs.redis.server}.
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 20;

    private final String executable;
    private final int port;
    private final List<String> output = new ArrayList<>();
    private Process process;
    private Thread shutdownHook;

    private RedisServer(String executable, int port) {
        this.executable = executable;
        this.port = port;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     */
    public static RedisServer start() {
        String executable = executable();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer server = new RedisServer(executable, freePort());
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                last = e; // the port was taken between choosing and binding it: try another
            }
        }
        throw last;
    }

    /**
     * The port.
     *
     * @return the loopback port the server listens on
     */
    public int port() {
        return port;
    }

    /**
     * The URI clients use.
     *
     * @return {@code redis://127.0.0.1:<port>}
     */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Whether the process runs.
     *
     * @return whether it is alive
     */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the process (SIGTERM: Redis closes its client connections and exits) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
    }

    /** Starts the process again on the same port, empty. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Stops the process. */
    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        List<String> command = List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice",
                "--dir", System.getProperty("java.io.tmpdir"));
        Process started;
        try {
            started = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + executable, e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> readOutput(started, ready), "redis-server-" + port);
        reader.setDaemon(true);
        reader.start();
        Thread hook = new Thread(started::destroyForcibly, "stop redis-server " + port);
        Runtime.getRuntime().addShutdownHook(hook);
        boolean up;
        try {
            up = ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) && started.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
        }
        if (!up) {
            started.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(hook);
            synchronized (output) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + output);
            }
        }
        process = started;
        shutdownHook = hook;
    }

    /** Reads the server's output (so that its pipe never fills) and tells when it accepts connections. */
    private void readOutput(Process started, CountDownLatch ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                }
                if (line.contains("Ready to accept connections")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.countDown(); // exited: launch() sees the dead process
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String executable() {
        String configured = System.getProperty("hubs.redis.server");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("redis-server is not on the PATH: install it (Debian: apt-get install -y "
                + "redis-server; .ci/run does) or name it with -Dhubs.redis.server=/path/to/redis-server");
    }
}
