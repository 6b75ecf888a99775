package dev.hubs.it.model.options;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.OverlapMeter;
import dev.hubs.it.fixtures.ParallelHub;
import dev.hubs.it.fixtures.ParallelWork;
import dev.hubs.it.fixtures.Person;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static dev.hubs.it.support.RawConnection.PING;
import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keep-alive, client timeout and handshake timeout, configured short for this WAR in the three duration formats
 * ({@code 1s}, ISO {@code PT2S}, {@code 1000ms}), seen through a raw WebSocket (the official Java client pings only
 * every 15 s, so a 2 s client timeout would close it).
 *
 * <p>WebSockets only. The same clocks over the fallback transports are in {@code dev.hubs.it.fallback.TimeoutsIT}
 * and, with the JavaScript client, in {@code dev.hubs.it.js.KeepAliveJsIT}; long polling has neither pings nor a
 * client timeout (its polls keep it alive), but a disconnect timeout instead.
 */
@ExtendWith(ArquillianExtension.class)
class TimeoutsIT {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.hubWar(TimeoutsIT.class, EchoHub.class, Person.class, Address.class,
                        ParallelHub.class, ParallelWork.class, OverlapMeter.class),
                "hubs.keep-alive-interval=1s",
                "hubs.client-timeout=PT2S",
                "hubs.handshake-timeout=1000ms");
    }

    @ArquillianResource
    URL base;

    /** An idle connection gets a Ping about every keep-alive interval. */
    @Test
    void idleConnectionReceivesPings() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            long start = System.nanoTime();
            assertEquals(PING, connection.nextRecord(), "the first record on an idle connection");
            assertEquals(PING, connection.nextRecord(), "the second record on an idle connection");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(elapsed.compareTo(KEEP_ALIVE) >= 0, "two pings came within " + elapsed.toMillis()
                    + " ms: faster than the keep-alive interval of " + KEEP_ALIVE.toMillis() + " ms");
        }
    }

    /**
     * Pings are for idle connections only: while the server sends something (here completions) more often than the
     * keep-alive interval, no Ping comes. The client's messages also keep the client timeout from expiring, although
     * the traffic lasts longer than that timeout.
     */
    @Test
    void noPingWhileTrafficFlowsAndTrafficKeepsTheConnection() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            connection.send(PING + RS); // starts the client timeout, as the official clients do
            long end = System.nanoTime() + CLIENT_TIMEOUT.plusSeconds(1).toNanos();
            int invocation = 0;
            List<String> records = new ArrayList<>();
            while (System.nanoTime() < end) {
                invocation++;
                connection.send("{\"type\":1,\"invocationId\":\"" + invocation
                        + "\",\"target\":\"echo\",\"arguments\":[\"" + invocation + "\"]}" + RS);
                String record = connection.nextRecord();
                records.add(record);
                assertFalse(PING.equals(record), "a Ping came although the server sent a completion every 250 ms: "
                        + records);
                JsonObject completion = RawHub.parse(record);
                assertEquals(String.valueOf(invocation), completion.getString("result", null), record);
                // Pacing of the traffic (a quarter of the keep-alive interval), not synchronisation.
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
            assertTrue(invocation >= 6, "only " + invocation + " invocations in " + CLIENT_TIMEOUT.plusSeconds(1));
        }
    }

    /**
     * A client that pinged once (which starts the client timeout, as in SignalR) and then stays silent is closed
     * after the client timeout with SignalR's error Close, then the socket ends with a close frame.
     */
    @Test
    void silentClientIsClosedAfterTheClientTimeout() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            connection.send(PING + RS);
            long start = System.nanoTime();

            JsonObject close = connection.nextMessage(); // the server's pings are skipped
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(7, close.getInt("type"), "a Close message: " + close);
            assertEquals("Connection closed with an error.", close.getString("error", null), close.toString());
            assertTrue(elapsed.compareTo(CLIENT_TIMEOUT.minusMillis(500)) >= 0,
                    "closed after " + elapsed.toMillis() + " ms, before the client timeout of "
                            + CLIENT_TIMEOUT.toMillis() + " ms");
            RawConnection.Closed closed = connection.awaitClosed();
            assertTrue(closed.byCloseFrame(), "the server dropped the socket without a close frame: " + closed);
        }
    }

    /**
     * A hub method that blocks for longer than the client timeout, while the client goes on pinging: the connection
     * must not be closed for silence (the client was not silent), and the result arrives. Blocking methods are
     * common in Java; the server must not stop counting the client's pings while one runs.
     */
    @Test
    void longBlockingInvocationDoesNotTimeOutAPingingClient() {
        try (RawConnection connection = new RawHub(base, "parallel").connect()) {
            connection.send(PING + RS);
            long blocking = CLIENT_TIMEOUT.multipliedBy(3).dividedBy(2).toMillis();
            connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"busy\",\"arguments\":[" + blocking
                    + "]}" + RS);
            long end = System.nanoTime() + Duration.ofMillis(blocking).plusMillis(500).toNanos();
            while (System.nanoTime() < end) {
                // What the official clients do, faster: a Ping every half second (pacing, not synchronisation).
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                try {
                    connection.send(PING + RS);
                } catch (AssertionError e) {
                    fail("The server closed the connection while busy(" + blocking + ") ran, although the client "
                            + "pinged every 500 ms; it sent " + connection.nextMessage() + ", then the socket ended: "
                            + connection.awaitClosed());
                }
            }

            JsonObject completion = connection.nextMessage();
            assertEquals(3, completion.getInt("type"), "the completion of busy(" + blocking + "), not: " + completion);
            assertEquals("1", completion.getString("invocationId"), completion.toString());
            assertFalse(completion.containsKey("error"), completion.toString());
        }
    }

    /**
     * A client that opens the WebSocket but never sends the handshake is dropped after the handshake timeout; as in
     * SignalR it is told {@code Handshake was canceled.} and gets no Ping before.
     */
    @Test
    void clientWithoutHandshakeIsDropped() {
        RawHub hub = new RawHub(base, "echo");
        try (RawConnection connection = hub.open(hub.negotiateV1().getString("connectionToken"))) {
            long start = System.nanoTime();

            RawConnection.Closed closed = connection.awaitClosed();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(elapsed.compareTo(HANDSHAKE_TIMEOUT.minusMillis(500)) >= 0,
                    "dropped after " + elapsed.toMillis() + " ms, before the handshake timeout");
            assertTrue(connection.hasUnreadRecords(), "the handshake error reply is missing; the socket ended: "
                    + closed);
            assertEquals("{\"error\":\"Handshake was canceled.\"}", connection.nextRecord());
            assertFalse(connection.hasUnreadRecords(), "nothing after the handshake error (no Ping before a handshake)");
        }
    }
}
