package dev.hubs.it.overload;

import dev.hubs.it.fixtures.SequenceHub;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import dev.hubs.it.support.ServerLog;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The slow-consumer policy at scale: of many receivers of one broadcast, a few stop reading. Every healthy receiver
 * gets every message, in order (checked by sequence numbers); each stalled one is disconnected when its outbound
 * queue overflows ({@code HUBS1004W}), and no healthy one is.
 *
 * <p>The counts are system properties: {@code hubs.it.overload.receivers} (all receivers, stalled ones included) and
 * {@code hubs.it.overload.stalled}. The build runs a smaller count (see the module's pom); the 1 000 receivers
 * with 10 stalled run with
 * {@code ./mvnw -pl integration-tests -am verify -Dit.test=StalledReceiversAtScaleIT -Dit.overload.receivers=1000
 * -Dit.overload.stalled=10 -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} (results in docs/hardening.md).
 *
 * <p>How much a stalled client takes before its queue overflows depends on the socket buffers (on loopback the
 * server's send buffer grows to a few MB), so the broadcast goes on in chunks until every stalled receiver was
 * disconnected, then two chunks more. Each chunk is {@value #CHUNK} messages of {@value #SIZE} characters (with
 * {@code outbound-queue-capacity=64}), and the next leaves only once every healthy receiver has the last: a
 * tight loop of thousands of sends would overflow any bounded queue, fast reader or not.
 */
@ExtendWith(ArquillianExtension.class)
class StalledReceiversAtScaleIT {

    private static final int RECEIVERS = Integer.getInteger("hubs.it.overload.receivers", 100);
    private static final int STALLED = Integer.getInteger("hubs.it.overload.stalled", 5);
    private static final int CHUNK = 32;
    private static final int SIZE = 16 * 1024;
    /** A stalled client is logged after a few MB; this bounds the run if the policy did not work. */
    private static final int MAX_CHUNKS = 400;
    private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern OVERFLOWED = Pattern.compile("HUBS1004W Connection (\\S+) was closed");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.hubWar(StalledReceiversAtScaleIT.class, SequenceHub.class),
                "hubs.outbound-queue-capacity=64");
    }

    @ArquillianResource
    URL base;

    private final List<SequenceReceiver> receivers = new ArrayList<>();
    private final ExecutorService callbacks = Executors.newFixedThreadPool(4);
    private RawConnection sender;

    @AfterEach
    void disconnect() {
        receivers.forEach(SequenceReceiver::abort);
        if (sender != null) {
            sender.close();
        }
        callbacks.shutdownNow();
    }

    @Test
    void healthyReceiversGetEveryMessageInOrderWhileStalledOnesAreDisconnected() throws Exception {
        assertTrue(STALLED > 0 && STALLED < RECEIVERS, "some receivers stall, not all");
        RawHub hub = new RawHub(base, "sequence");
        HttpClient client = HttpClient.newBuilder().executor(callbacks).version(HttpClient.Version.HTTP_1_1).build();
        SequenceReceiver.Progress progress = new SequenceReceiver.Progress();
        connectReceivers(hub, client, progress);
        List<SequenceReceiver> healthy = receivers.stream().filter(r -> !r.stalled()).toList();
        Set<String> stalledIds = receivers.stream().filter(SequenceReceiver::stalled)
                .map(SequenceReceiver::connectionId).collect(Collectors.toCollection(TreeSet::new));
        sender = hub.connect();

        ServerLog log = ServerLog.fromNow();
        long start = System.nanoTime();
        int sent = 0;
        int chunks = 0;
        int chunksSinceAllStalledClosed = -1;
        int sentWhenAllStalledClosed = -1;
        while (chunksSinceAllStalledClosed < 2) {
            if (++chunks > MAX_CHUNKS) {
                fail("Not every stalled receiver was disconnected after " + sent + " messages; disconnected: "
                        + overflowed(log.text()) + ", stalled: " + stalledIds);
            }
            progress.expect(sent + CHUNK, healthy.size());
            flood(sent, CHUNK, chunks);
            sent += CHUNK;
            if (!progress.await(CHUNK_TIMEOUT.toMillis())) {
                fail(progress.remaining() + " healthy receivers did not get items " + (sent - CHUNK) + " to "
                        + (sent - 1) + " within " + CHUNK_TIMEOUT.toSeconds() + " s; " + describe(healthy));
            }
            if (chunksSinceAllStalledClosed >= 0) {
                chunksSinceAllStalledClosed++;
            } else if (overflowed(log.text()).containsAll(stalledIds)) {
                chunksSinceAllStalledClosed = 0;
                sentWhenAllStalledClosed = sent;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        for (SequenceReceiver receiver : healthy) {
            assertNull(receiver.violation(), receiver.connectionId() + ": " + receiver.violation());
            assertEquals(sent, receiver.next(), receiver.connectionId() + " received every item");
            assertFalse(receiver.closed.isDone(), receiver.connectionId() + " was " + receiver.closed.getNow(""));
        }
        assertEquals(stalledIds, overflowed(log.text()),
                "exactly the stalled receivers were disconnected for an overflowing queue");
        System.getLogger(StalledReceiversAtScaleIT.class.getName()).log(System.Logger.Level.INFO,
                "{0} receivers ({1} stalled): {2} messages of {3} characters to each healthy one in {4} ms; every "
                        + "stalled one was disconnected for its full queue by message {5}",
                RECEIVERS, STALLED, sent, SIZE, took.toMillis(), sentWhenAllStalledClosed);
    }

    /** Opens the receivers from a few threads at once; the stalled ones are spread among the healthy ones. */
    private void connectReceivers(RawHub hub, HttpClient client, SequenceReceiver.Progress progress)
            throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(16);
        try {
            List<Future<SequenceReceiver>> opening = new ArrayList<>();
            int every = RECEIVERS / STALLED;
            for (int i = 0; i < RECEIVERS; i++) {
                boolean stalled = i % every == every - 1 && i / every < STALLED;
                opening.add(openers.submit(() -> SequenceReceiver.connect(hub, client, stalled, progress)));
            }
            for (Future<SequenceReceiver> receiver : opening) {
                receivers.add(receiver.get(2, TimeUnit.MINUTES));
            }
        } finally {
            openers.shutdownNow();
        }
        assertEquals(STALLED, receivers.stream().filter(SequenceReceiver::stalled).count());
    }

    /** Invokes {@code flood} and waits for its completion: every send was handed to the connections' queues. */
    private void flood(int from, int count, int invocationId) {
        sender.send("{\"type\":1,\"invocationId\":\"" + invocationId + "\",\"target\":\"flood\",\"arguments\":["
                + from + "," + count + "," + SIZE + "]}" + RawConnection.RS);
        JsonObject completion = sender.nextMessage();
        assertEquals(3, completion.getInt("type"), completion.toString());
        assertFalse(completion.containsKey("error"), completion.toString());
    }

    private static Set<String> overflowed(String log) {
        Set<String> ids = new TreeSet<>();
        Matcher m = OVERFLOWED.matcher(log);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String describe(List<SequenceReceiver> healthy) {
        return healthy.stream().filter(r -> r.violation() != null || r.closed.isDone()).limit(5)
                .map(r -> r.connectionId() + " at " + r.next() + ": " + r.violation() + " " + r.closed.getNow(""))
                .collect(Collectors.joining("; ", "first problems: [", "]"));
    }
}
