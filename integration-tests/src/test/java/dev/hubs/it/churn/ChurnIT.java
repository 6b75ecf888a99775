package dev.hubs.it.churn;

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

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Churn without leaks (issue 10, part 2): many connection lifecycles of every kind in {@link Lifecycle} (clean stops,
 * TCP resets and FINs without a close frame, handshakes never sent, negotiations never used, long-polling clients that
 * vanish, clients that leave in the middle of an invocation, a stream, an upload or a client result, and the
 * official Java client), then proof through the public {@code HubMonitor} that the server is back to zero: no
 * connection, none registered with the lifetime manager, no group membership, no running invocation, no stream, no
 * client result; {@code @OnConnected} ran once per connection that completed its handshake and {@code @OnDisconnected}
 * exactly as often; and the heap after garbage collection is back near where it was before.
 *
 * <p>The number of lifecycles comes from {@code -Dchurn.lifecycles} (default {@value #DEFAULT_LIFECYCLES}, what
 * {@code ./mvnw verify} runs); the full run of issue 10 is
 * {@code ./mvnw -pl integration-tests -am verify -Dit.test=ChurnIT -Dchurn.lifecycles=10000}, whose latest result
 * is in {@code docs/guarantees.md}.
 */
@ExtendWith(ArquillianExtension.class)
class ChurnIT {

    static final int DEFAULT_LIFECYCLES = 2200;
    private static final int LIFECYCLES = Integer.getInteger("churn.lifecycles", DEFAULT_LIFECYCLES);
    /** Lifecycles before the heap's baseline is taken: classes loaded, pools and caches warmed. */
    private static final int WARM_UP = 20 * Lifecycle.RAW.size();
    /** Clients at once. */
    private static final int CLIENTS = Integer.getInteger("churn.clients", 8);
    /**
     * Lifecycles after which the test releases the invocations that wait for it: five rounds of the raw kinds, so that
     * at most five blocking hub methods hold a Liberty thread at once. With dozens of them Liberty's default executor,
     * which adds threads only a few per second, stalls every connection of the server for seconds (see
     * docs/guarantees.md, "A hub method that blocks").
     */
    private static final int BATCH = 5 * Lifecycle.RAW.size();
    /** Every how many lifecycles the official Java client takes a turn. */
    private static final int JAVA_EVERY = 50;
    /** How long the server may take to let go of everything once the clients are gone (timeouts of 5 s included). */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** Heap growth always tolerated: what the JVM and Liberty may keep of a busy minute (JIT, pools, caches). */
    private static final long HEAP_SLACK = 16L << 20;
    /** Heap growth tolerated per lifecycle: less than any connection would leave behind if it were kept. */
    private static final long HEAP_PER_LIFECYCLE = 512;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(ChurnIT.class, ChurnHub.class, ChurnTally.class,
                        ChurnResource.class, ChurnReport.class, ChurnApplication.class),
                // A client that never sends its handshake, or stops polling, is let go after 5 s rather than 15.
                // Not less: on this 2-core machine a busy second of Liberty's must not end well-behaved clients.
                "hubs.ChurnHub.handshake-timeout=5s",
                "hubs.ChurnHub.disconnect-timeout=5s");
    }

    @ArquillianResource
    URL base;

    @Test
    void afterManyLifecyclesOfEveryKindTheServerHoldsNothing() {
        Collection<RawConnection> leftOpen = new ConcurrentLinkedQueue<>();
        drive(0, WARM_UP, leftOpen);
        awaitIdle(WARM_UP);
        JsonObject before = stats(true);

        long started = System.nanoTime();
        Map<Lifecycle, Integer> driven = drive(WARM_UP, LIFECYCLES, leftOpen);
        JsonObject after = awaitIdle(WARM_UP + LIFECYCLES);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        long handshakes = driven.entrySet().stream().filter(e -> e.getKey().handshakes())
                .mapToLong(Map.Entry::getValue).sum();
        JsonObject hubBefore = before.getJsonObject("hub");
        JsonObject hub = after.getJsonObject("hub");
        assertEquals(LIFECYCLES, count(hub, "connectionsOpened") - count(hubBefore, "connectionsOpened"),
                "one connection per lifecycle");
        assertEquals(LIFECYCLES, count(hub, "connectionsClosed") - count(hubBefore, "connectionsClosed"),
                "every one of them ended");
        assertEquals(handshakes, count(after, "connected") - count(before, "connected"),
                "@OnConnected once per connection that completed its handshake");
        assertEquals(count(after, "connected"), count(after, "disconnected"),
                "@OnDisconnected exactly as often as @OnConnected");
        for (RawConnection connection : leftOpen) {
            connection.awaitClosed(); // fails unless the server ended the WebSocket that never sent its handshake
            connection.abort();
        }

        long heapBefore = count(before, "heapUsed");
        JsonObject settled = stats(true);
        long heapAfter = count(settled, "heapUsed");
        long allowed = HEAP_SLACK + HEAP_PER_LIFECYCLE * LIFECYCLES;
        String summary = "churn: " + LIFECYCLES + " lifecycles " + driven + " with " + CLIENTS + " clients in "
                + seconds + " s; connections opened " + count(hub, "connectionsOpened") + ", closed "
                + count(hub, "connectionsClosed") + "; @OnConnected " + count(after, "connected") + ", @OnDisconnected "
                + count(after, "disconnected") + "; heap after GC " + mib(heapBefore) + " before, " + mib(heapAfter)
                + " after; final " + settled.getJsonObject("hub");
        System.out.println(summary);
        assertTrue(heapAfter - heapBefore < allowed, "The heap grew by " + mib(heapAfter - heapBefore)
                + ", more than " + mib(allowed) + ": " + summary);
    }

    /**
     * Drives lifecycles from {@code first} on, {@link #CLIENTS} at once, releasing the waiting invocations after
     * every {@link #BATCH}; fails with every unexpected answer.
     */
    private Map<Lifecycle, Integer> drive(int first, int count, Collection<RawConnection> leftOpen) {
        Map<Lifecycle, Integer> driven = new EnumMap<>(Lifecycle.class);
        List<String> failures = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int batchStart = first; batchStart < first + count; batchStart += BATCH) {
                List<Future<?>> batch = new ArrayList<>();
                List<Lifecycle> kinds = new ArrayList<>();
                for (int n = batchStart; n < Math.min(batchStart + BATCH, first + count); n++) {
                    Lifecycle lifecycle = Lifecycle.of(n, JAVA_EVERY);
                    int number = n;
                    kinds.add(lifecycle);
                    batch.add(clients.submit(() -> {
                        lifecycle.drive(base, number, leftOpen);
                        return null;
                    }));
                }
                for (int i = 0; i < batch.size(); i++) {
                    driven.merge(kinds.get(i), 1, Integer::sum);
                    try {
                        batch.get(i).get(Await.TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        failures.add(kinds.get(i) + ": " + causes(e.getCause()));
                    } catch (TimeoutException e) {
                        failures.add(kinds.get(i) + ": did not finish");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
                release();
            }
        } finally {
            clients.shutdownNow();
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " lifecycles failed, the first ones: "
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
        return driven;
    }

    /**
     * Waits until the hub holds nothing and every connection made so far has ended, releasing waiting invocations
     * meanwhile (a method may start just after a release); fails with the last counts when that takes longer than
     * {@link #SETTLE}.
     */
    private JsonObject awaitIdle(int lifecycles) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonObject last;
        while (true) {
            release();
            last = stats(false);
            JsonObject hub = last.getJsonObject("hub");
            boolean idle = count(hub, "connections") == 0 && count(hub, "registeredConnections") == 0
                    && count(hub, "groupMemberships") == 0 && count(hub, "runningInvocations") == 0
                    && count(hub, "outgoingStreams") == 0 && count(hub, "uploadStreams") == 0
                    && count(hub, "pendingClientResults") == 0
                    && count(hub, "connectionsClosed") == lifecycles
                    && count(last, "connected") == count(last, "disconnected");
            if (idle) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                fail("The server still holds something " + SETTLE.toSeconds() + " s after " + lifecycles
                        + " lifecycles ended: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // the pace of polling, not a synchronisation
        }
    }

    private JsonObject stats(boolean gc) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("stats" + (gc ? "?gc=true" : ""))).GET());
        assertEquals(200, response.statusCode(), response::body);
        return RawHub.parse(response.body());
    }

    private void release() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("release"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, response.statusCode(), response::body);
    }

    private URI api(String path) {
        return URI.create(base + "api/churn/" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A failure and its causes, on one line. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private static long count(JsonObject object, String name) {
        return object.getJsonNumber(name).longValue();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
