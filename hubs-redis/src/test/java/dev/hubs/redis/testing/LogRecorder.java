package dev.hubs.redis.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Records what a logger (through java.util.logging, where {@link System.Logger} goes by default) logs, and lets a test
 * wait for a message: the backplane tells of connections lost and regained only in its log, and a test waits for
 * that instead of sleeping.
 */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new ArrayList<>();
    private int cursor;

    private LogRecorder(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /**
     * Starts recording a logger and its children.
     *
     * @param name the logger name, such as {@code dev.hubs.redis}
     * @return the recorder; close it to stop
     */
    public static LogRecorder of(String name) {
        return new LogRecorder(name);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String text = record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            text = java.text.MessageFormat.format(text, parameters);
        }
        messages.add(text);
        notifyAll();
    }

    /**
     * Waits until messages with all the given ids were logged after the previous wait, in any order, and moves past
     * them.
     *
     * @param timeout how long to wait
     * @param ids     message ids, such as {@code HUBS3005I}; an id given twice must be logged twice
     */
    public synchronized void await(Duration timeout, String... ids) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>(List.of(ids));
            int last = cursor;
            for (int i = cursor; i < messages.size() && !missing.isEmpty(); i++) {
                String message = messages.get(i);
                for (int k = 0; k < missing.size(); k++) {
                    if (message.startsWith(missing.get(k))) {
                        missing.remove(k);
                        last = i + 1;
                        break;
                    }
                }
            }
            if (missing.isEmpty()) {
                cursor = last;
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("not logged within " + timeout + ": " + missing + "; logged since the last wait: "
                        + messages.subList(cursor, messages.size()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
