package dev.hubs.redis.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code messages.log} of one of the two servers, from a mark on. The backplane tells of Redis connections lost
 * and regained only in its log (HUBS3003W, HUBS3004I, HUBS3005I); the outage test waits for those lines.
 */
public final class ServerLog {

    private final Path file;
    private long mark;

    private ServerLog(Path file) {
        this.file = file;
        this.mark = size();
    }

    /**
     * The log of a server from now on.
     *
     * @param serverNameProperty the system property naming the server: {@code serverNameA} or {@code serverNameB}
     * @return the log
     */
    public static ServerLog of(String serverNameProperty) {
        String wlpHome = System.getProperty("wlpHome");
        String server = System.getProperty(serverNameProperty);
        if (wlpHome == null || server == null) {
            throw new IllegalStateException("wlpHome and " + serverNameProperty + " are not set: run the tests "
                    + "through Maven (failsafe passes them)");
        }
        return new ServerLog(Path.of(wlpHome, "usr", "servers", server, "logs", "messages.log"));
    }

    /**
     * Waits until the log shows a message id a number of times after the mark, and moves the mark past the text read.
     *
     * @param id      a message id, such as {@code HUBS3005I}
     * @param times   how many times
     * @param timeout how long to wait
     * @return what was logged up to then
     */
    public String await(String id, int times, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = read();
            int count = 0;
            Matcher matcher = Pattern.compile(Pattern.quote(id)).matcher(text);
            while (matcher.find()) {
                count++;
            }
            if (count >= times) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                fail(file + " did not show " + id + " " + times + " time(s) within " + timeout + "; it logged:\n" + text);
            }
            // Polling a file: there is nothing to block on.
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Moves the mark to the end of the log: later waits see only what comes after. */
    public void skip() {
        mark = size();
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    private String read() {
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
}
