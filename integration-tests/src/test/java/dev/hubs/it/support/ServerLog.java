package dev.hubs.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code messages.log} of the Liberty server the tests deploy to, read from a mark on: what the server logged
 * after the test began (deployment failures, the WARN lines of Hubs).
 *
 * <p>The server directory comes from the system properties {@code wlpHome} and {@code serverName} that failsafe
 * passes (see the module's pom).
 */
public final class ServerLog {

    private final Path file;
    private final long mark;

    private ServerLog(Path file, long mark) {
        this.file = file;
        this.mark = mark;
    }

    /**
     * Marks the current end of {@code messages.log}: {@link #text()} and {@link #await} see only what comes after.
     *
     * @return the log from now on
     */
    public static ServerLog fromNow() {
        Path file = messagesLog();
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    /**
     * The path of the server's {@code messages.log}.
     *
     * @return the file
     */
    public static Path messagesLog() {
        String wlpHome = System.getProperty("wlpHome");
        String serverName = System.getProperty("serverName");
        if (wlpHome == null || serverName == null) {
            throw new IllegalStateException("The system properties wlpHome and serverName are not set: run the tests "
                    + "through Maven (failsafe passes them)");
        }
        return Path.of(wlpHome, "usr", "servers", serverName, "logs", "messages.log");
    }

    /**
     * What the server logged since the mark.
     *
     * @return the text
     */
    public String text() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= mark) {
                return "";
            }
            in.seek(mark);
            byte[] bytes = new byte[(int) (length - mark)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    /**
     * Waits until what was logged since the mark satisfies a condition (the server writes its log asynchronously),
     * failing the test after {@link Await#TIMEOUT}.
     *
     * @param what      what is awaited, for the failure message
     * @param condition the condition on the text logged since the mark
     * @return that text
     */
    public String await(String what, Predicate<String> condition) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            String text = text();
            if (condition.test(text)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                fail("messages.log did not show " + what + " within " + Await.TIMEOUT.toSeconds()
                        + " s; it logged since the test began:\n" + text);
            }
            // Polling a file: there is nothing to block on.
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * Waits until the log since the mark contains a text.
     *
     * @param expected the text
     * @return everything logged since the mark
     */
    public String awaitContains(String expected) {
        return await("\"" + expected + "\"", text -> text.contains(expected));
    }
}
