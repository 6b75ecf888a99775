package dev.hubs.it.model.fanout;

import dev.hubs.it.fixtures.FanoutHub;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.RawHub;
import dev.hubs.it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading, with an outbound queue too large to overflow: once TCP back-pressure stops the
 * server's send to it, the send waits, and after twice the client timeout ({@code hubs.client-timeout=2s}, so 4 s)
 * the connection is closed with the WARN line {@code HUBS2004W}, while an official Java client gets every message of
 * the same broadcast, in order. A waiting send holds no thread the others need.
 */
@ExtendWith(ArquillianExtension.class)
class StalledSendIT {

    private static final int TOTAL = 2000;
    private static final int SIZE = 8 * 1024;
    private static final int CHUNK = 100;
    private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.hubWar(StalledSendIT.class, FanoutHub.class),
                "hubs.keep-alive-interval=1s", "hubs.client-timeout=2s");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void aSendThatWaitsTooLongForItsClientEndsTheConnection() {
        ServerLog log = ServerLog.fromNow();
        FastClient fast = new FastClient(clients.start(base, "fanout"), SIZE);

        try (StalledClient stalled = StalledClient.connect(new RawHub(base, "fanout"))) {
            for (int from = 0; from < TOTAL; from += CHUNK) {
                int count = Math.min(CHUNK, TOTAL - from);
                Calls.invoke(fast.connection, Integer.class, "flood", from, count, SIZE);
                fast.await(count, from, CHUNK_TIMEOUT);
            }

            assertEquals(IntStream.range(0, TOTAL).boxed().toList(), fast.indexes(), "the fast client's items");
            assertTrue(fast.payloadsIntact, "every payload has " + SIZE + " characters");
            String closed = log.await("HUBS2004W for the stalled connection", text ->
                    text.contains("HUBS2004W Connection " + stalled.connectionId() + " was closed"));
            assertTrue(List.of(closed.split("\n")).stream().noneMatch(line -> line.contains("HUBS1004W")),
                    "the queue did not overflow: the stall limit closed it");
        }
    }
}
