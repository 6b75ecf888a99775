package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of a Server-Sent Events stream, read byte by byte with SignalR's framing checked strictly: the
 * stream starts with the comment line {@code :} and every line ends with CR LF; an event is one or more
 * {@code data: } lines and an empty line. A reader thread collects the events' data (lines joined with LF, as
 * EventSource does) and the whole transcript.
 */
final class EventStream implements AutoCloseable {

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final StringBuffer transcript = new StringBuffer();
    private volatile String violation;
    private volatile boolean ended;

    EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** Everything received so far, exactly. */
    String transcript() {
        return transcript.toString();
    }

    /** Whether the server ended the stream. */
    boolean ended() {
        return ended;
    }

    /** The data of the next event, failing after {@link Await#TIMEOUT} or on a framing violation. */
    String nextEvent() {
        try {
            String event = events.poll(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            checkFraming();
            if (event == null) {
                throw new AssertionError("No event within " + Await.TIMEOUT + "; the stream so far: "
                        + Records.printable(transcript()) + (ended ? " (ended by the server)" : ""));
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The data of the next event that is not a lone Ping. */
    String nextEventSkippingPings() {
        while (true) {
            String event = nextEvent();
            if (!Records.split(event).stream().allMatch(Records::isPing)) {
                return event;
            }
        }
    }

    void checkFraming() {
        if (violation != null) {
            throw new AssertionError(violation + "; the stream so far: " + Records.printable(transcript()));
        }
    }

    private void read() {
        try (InputStream in = response.body()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            StringBuilder data = null;
            boolean first = true;
            int previous = -1;
            int b;
            while ((b = in.read()) >= 0) {
                transcript.append((char) b); // ASCII framing; the data is checked as UTF-8 below
                if (b == '\n') {
                    if (previous != '\r') {
                        fail("a line ended with LF alone");
                    }
                    byte[] bytes = line.toByteArray();
                    String text = new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
                    line.reset();
                    if (first) {
                        first = false;
                        if (!text.equals(":")) {
                            fail("the stream must start with the comment line \":\" (SignalR's preamble), not "
                                    + text);
                        }
                    } else if (text.isEmpty()) {
                        if (data == null) {
                            fail("an empty line without data before it");
                        } else {
                            events.add(data.toString());
                            data = null;
                        }
                    } else if (text.startsWith("data: ")) {
                        data = data == null ? new StringBuilder() : data.append('\n');
                        data.append(text, "data: ".length(), text.length());
                    } else {
                        fail("a line that is neither \"data: ...\" nor empty: " + text);
                    }
                } else {
                    line.write(b);
                }
                previous = b;
            }
        } catch (IOException e) {
            // the client closed the stream, or the connection broke
        } finally {
            ended = true;
        }
    }

    private void fail(String why) {
        if (violation == null) {
            violation = "Server-Sent Events framing broken: " + why;
        }
    }

    /** Ends the stream from the client's side (the JDK closes the connection). */
    @Override
    public void close() {
        HubHttp.closeQuietly(response.body());
    }
}
