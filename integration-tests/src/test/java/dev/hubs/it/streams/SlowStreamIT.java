package dev.hubs.it.streams;

import dev.hubs.it.fixtures.streams.StreamFixtures;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A stream of {@value #TOTAL} items to a client that stops reading its socket keeps the server's memory bounded: the
 * publisher is asked for items only as fast as they leave, so it stops while the client does not read, and the
 * connection's outbound queue (capacity {@value #QUEUE_CAPACITY} here, overflowing would close the connection)
 * never fills. Once the client reads again, every item arrives, in order, then the Completion.
 *
 * <p>The bounds are checked on what the fixture's publisher measured, not on time: the most the server ever asked
 * for ahead of what it was given ({@code maxOutstanding}, at most the stream buffer), and how many items the
 * publisher had made when the client had stopped reading (far fewer than the stream's total: the rest were never
 * made while nobody read). That the server has stopped asking is seen on the publisher too: it has had no demand for
 * {@value #STARVED_MILLIS} ms. The items are {@value #PAYLOAD} characters each, so the whole stream (about 25 MB) is
 * far more than the socket buffers between server and client can hold.
 */
@ExtendWith(ArquillianExtension.class)
class SlowStreamIT {

    private static final int TOTAL = 100_000;
    private static final int PAYLOAD = 200;
    private static final int READ_BEFORE_PAUSE = 100;
    private static final int STREAM_BUFFER = 10;
    private static final int QUEUE_CAPACITY = 32;
    private static final long STARVED_MILLIS = 500;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.hubWar(SlowStreamIT.class, StreamFixtures.streams()),
                "hubs.outbound-queue-capacity=" + QUEUE_CAPACITY);
    }

    @ArquillianResource
    URL base;

    @Test
    void stalledReaderHoldsThePublisherBackThenGetsEverythingInOrder() {
        RawHub hub = new RawHub(base, "streams");
        String key = UUID.randomUUID().toString();
        try (PausableClient client = PausableClient.connect(hub); RawConnection observer = hub.connect()) {
            long started = System.nanoTime();
            // The handshake reply was record 1: stop reading once the first items are in.
            client.pauseAfter(1 + READ_BEFORE_PAUSE);
            client.send("{\"type\":4,\"invocationId\":\"big\",\"target\":\"chunks\",\"arguments\":[\"" + key + "\","
                    + TOTAL + "," + PAYLOAD + "]}" + RS);

            JsonObject stalled = awaitStarved(observer, key);
            long emittedWhileStalled = stalled.getJsonNumber("emitted").longValue();
            assertAll("while the client does not read: " + stalled,
                    () -> assertEquals("running", stalled.getString("outcome")),
                    () -> assertTrue(emittedWhileStalled < TOTAL / 2,
                            "the publisher was held back: it made " + emittedWhileStalled + " of " + TOTAL + " items"),
                    () -> assertTrue(stalled.getJsonNumber("maxOutstanding").longValue() <= STREAM_BUFFER,
                            "the server never asked more than the stream buffer ahead"));

            client.resume();
            // Compared as text, record by record: the exact StreamItem records (parsing 100 000 of them would cost
            // more than the stream itself).
            String payload = "x".repeat(PAYLOAD);
            int index = 0;
            String record;
            while (!(record = nextNonPing(client)).startsWith("{\"type\":3")) {
                String expected = "{\"type\":2,\"invocationId\":\"big\",\"item\":{\"index\":" + index
                        + ",\"payload\":\"" + payload + "\"}}";
                if (!expected.equals(record)) {
                    fail("Expected item " + index + " of the stream, got " + record);
                }
                index++;
            }
            assertEquals(TOTAL, index, "every item arrived");
            assertEquals("{\"type\":3,\"invocationId\":\"big\"}", record, "the Completion follows the last item");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            JsonObject finished = stats(observer, key);
            assertAll("after the stream: " + finished,
                    () -> assertEquals("completed", finished.getString("outcome")),
                    () -> assertEquals(TOTAL, finished.getJsonNumber("emitted").longValue()),
                    () -> assertTrue(finished.getJsonNumber("maxOutstanding").longValue() <= STREAM_BUFFER,
                            "the server never asked more than the stream buffer ahead"));
            System.getLogger(SlowStreamIT.class.getName()).log(System.Logger.Level.INFO,
                    "{0} items of {1} characters, paused after {2}: {3} made while the client did not read; {4} ms",
                    TOTAL, PAYLOAD, READ_BEFORE_PAUSE, emittedWhileStalled, took.toMillis());
        }
    }

    /**
     * Polls the publisher's measurements until it has been held back for {@value #STARVED_MILLIS} ms: no demand
     * (the server stopped asking because nothing it sent could be written), or no item made (its emitting thread
     * waits in a send the client does not read). Polling a condition with a deadline, not sleeping
     * for a guessed time: "nothing happens any more" cannot be awaited with a latch.
     */
    private JsonObject awaitStarved(RawConnection observer, String key) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        long lastEmitted = -1;
        long unchangedSince = System.nanoTime();
        JsonObject stats;
        do {
            stats = stats(observer, key);
            if (stats.getJsonNumber("starvedMillis").longValue() >= STARVED_MILLIS) {
                return stats;
            }
            // Held back either way: no demand, or its emitting thread waits in a send the client does not read
            // (blocking WebSocket sends): then nothing more is made although a few items are requested.
            long emitted = stats.getJsonNumber("emitted").longValue();
            long now = System.nanoTime();
            if (emitted != lastEmitted) {
                lastEmitted = emitted;
                unchangedSince = now;
            } else if (now - unchangedSince >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(STARVED_MILLIS)) {
                return stats;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("The publisher was never held back for " + STARVED_MILLIS + " ms while the client "
                + "did not read: " + stats);
    }

    private int statsCalls;

    /** What the publisher of {@code key} measured, asked over the observer connection. */
    private JsonObject stats(RawConnection observer, String key) {
        String id = "stats" + (++statsCalls);
        observer.send("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"stats\",\"arguments\":[\"" + key
                + "\"]}" + RS);
        JsonObject completion = observer.nextMessage();
        assertEquals(id, completion.getString("invocationId"), completion.toString());
        return completion.getJsonObject("result");
    }

    private static String nextNonPing(PausableClient client) {
        String record;
        do {
            record = client.nextRecord();
        } while (RawConnection.PING.equals(record));
        return record;
    }
}
