package dev.hubs.it.model.fanout;

import dev.hubs.it.fixtures.FanoutHub;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import dev.hubs.it.support.RawHub;
import dev.hubs.it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client stops reading while two official Java clients receive a broadcast of {@value #TOTAL} messages of
 * {@value #SIZE} characters. With {@code hubs.outbound-queue-capacity=64}, the stalled connection's queue overflows
 * once TCP back-pressure stops the server's writes to it: it is closed with the WARN line {@code HUBS1004W}, and the
 * two fast clients get every message, in order.
 *
 * <p>The broadcast goes out in chunks of {@value #CHUNK} (half the capacity), the next chunk only once both fast
 * clients have received the last: a tight loop of thousands of sends would overflow any bounded queue, fast reader
 * or not. The stalled client falls behind by a chunk each round until its queue overflows.
 *
 * <p>The fast clients run over each transport of the Java client (over long polling, each poll carries what queued
 * up since the last one); the stalled one is a raw WebSocket, whose reading can be stopped.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientIT {

    private static final int TOTAL = 2000;
    private static final int SIZE = 8 * 1024;
    private static final int CHUNK = 32;
    private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(SlowClientIT.class, FanoutHub.class),
                "hubs.outbound-queue-capacity=64");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void stalledClientIsClosedWhileOthersReceiveEverythingInOrder(JavaTransport transport) {
        clients.over(transport);
        ServerLog log = ServerLog.fromNow();
        FastClient first = new FastClient(clients.start(base, "fanout"), SIZE);
        FastClient second = new FastClient(clients.start(base, "fanout"), SIZE);

        try (StalledClient stalled = StalledClient.connect(new RawHub(base, "fanout"))) {
            long start = System.nanoTime();
            for (int from = 0; from < TOTAL; from += CHUNK) {
                int count = Math.min(CHUNK, TOTAL - from);
                Calls.invoke(first.connection, Integer.class, "flood", from, count, SIZE);
                first.await(count, from, CHUNK_TIMEOUT);
                second.await(count, from, CHUNK_TIMEOUT);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            List<Integer> expected = IntStream.range(0, TOTAL).boxed().toList();
            assertEquals(expected, first.indexes(), "the first fast client's items");
            assertEquals(expected, second.indexes(), "the second fast client's items");
            assertTrue(first.payloadsIntact && second.payloadsIntact, "every payload has " + SIZE + " characters");

            log.awaitContains("HUBS1004W Connection " + stalled.connectionId() + " was closed");
            System.getLogger(SlowClientIT.class.getName()).log(System.Logger.Level.INFO,
                    "{0} messages of {1} characters to two fast clients and a stalled one took {2} ms",
                    TOTAL, SIZE, took.toMillis());
        }
    }
}
