package dev.hubs.it.churn;

import dev.hubs.it.support.Await;
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

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults in user code (issue 10, part 3), on a real Open Liberty: an exception in {@code @OnConnected} refuses the
 * connection with SignalR's error Close message and leaks nothing (not even the group it joined before throwing);
 * an exception in {@code @OnDisconnected} is logged and the clean-up still completes; a hub method that blocks its
 * thread does not stop its connection's pings, nor other connections, and the invocations of its own connection
 * wait behind it in order. Every test ends with the hub holding nothing, as {@code HubMonitor} tells.
 */
@ExtendWith(ArquillianExtension.class)
class FaultsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(FaultsIT.class, FaultHub.class, ChurnTally.class,
                        FaultResource.class, ChurnReport.class, ChurnApplication.class),
                // Pings every second, so that the blocked connection shows several within the test's patience.
                "hubs.FaultHub.keep-alive-interval=1s",
                // A long-polling client that stops polling is ended after 2 s, by the heartbeat.
                "hubs.FaultHub.disconnect-timeout=2s");
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void releaseBlockedMethods() {
        post("release");
    }

    @Test
    void anExceptionInOnConnectedRefusesTheConnectionAndLeaksNothing() {
        JsonObject before = stats();
        RawConnection connection = new RawHub(base, "faults?failOnConnect=true").open(null);
        try {
            connection.send(RawHub.JSON_HANDSHAKE);
            assertEquals("{}", connection.nextRecord(), "the handshake succeeds before @OnConnected runs");
            JsonObject close = connection.nextMessage();
            assertEquals(7, close.getInt("type"), "a Close message: " + close);
            assertEquals("Connection closed with an error.", close.getString("error", null), close.toString());
            assertFalse(close.getBoolean("allowReconnect", false), "no reconnect, as in SignalR: " + close);
            assertTrue(connection.awaitClosed().byCloseFrame(), "the server closes the WebSocket");
        } finally {
            connection.close();
        }

        JsonObject after = awaitIdle();
        assertEquals(1, count(after, "connected") - count(before, "connected"), "@OnConnected ran");
        assertEquals(0, count(after, "disconnected") - count(before, "disconnected"),
                "@OnDisconnected does not run for a connection @OnConnected refused, as in SignalR");
        assertEquals(0, count(after.getJsonObject("hub"), "groupMemberships"),
                "the group joined before the exception is left");
    }

    @Test
    void anExceptionInOnDisconnectedIsLoggedAndTheCleanUpStillCompletes() {
        JsonObject before = stats();
        ServerLog log = ServerLog.fromNow();
        try (RawConnection connection = new RawHub(base, "faults?failOnDisconnect=true").open(null)) {
            connection.send(RawHub.JSON_HANDSHAKE);
            assertEquals("{}", connection.nextRecord(), "the handshake");
            connection.send(invocation("1", "join", "\"room\""));
            assertEquals(3, connection.nextMessage().getInt("type"), "join completed");
            assertEquals(1, count(stats().getJsonObject("hub"), "groupMemberships"), "in its group");
            connection.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"echo\",\"arguments\":[\"x\"]}"
                    + RawConnection.RS);
            assertEquals("x", connection.nextMessage().getString("result"));
        }

        JsonObject after = awaitIdle();
        assertEquals(1, count(after, "disconnectFailures") - count(before, "disconnectFailures"),
                "@OnDisconnected threw");
        assertEquals(count(after, "connected"), count(after, "disconnected"));
        String logged = log.await("the failure of @OnDisconnected, logged",
                text -> text.contains("HUBS1010W") && text.contains("'disconnected'"));
        assertTrue(logged.contains("clean-up failed"), "with the exception: " + logged);
    }

    @Test
    void aBlockedHubMethodStopsNeitherItsPingsNorOtherConnections() {
        try (RawConnection blocked = new RawHub(base, "faults").connect();
             RawConnection other = new RawHub(base, "faults").connect()) {
            blocked.send(invocation("b", "blockForever", ""));
            // Sent behind the blocked one: with one invocation at a time per connection (the default, as in
            // SignalR) it waits its turn.
            blocked.send(invocation("e", "echo", "\"behind\""));

            for (int ping = 0; ping < 3; ping++) {
                String record = blocked.nextRecord();
                assertEquals(RawConnection.PING, record,
                        "only pings while the method blocks (ping " + (ping + 1) + " of 3)");
            }
            for (int call = 0; call < 3; call++) {
                other.send(invocation("o" + call, "echo", "\"other " + call + "\""));
                assertEquals("other " + call, other.nextMessage().getString("result"),
                        "another connection is answered meanwhile");
            }
            assertEquals(1, count(stats().getJsonObject("hub"), "runningInvocations"),
                    "the blocked method counts as running; the echo behind it does not yet");

            post("release");
            JsonObject first = blocked.nextMessage();
            JsonObject second = blocked.nextMessage();
            assertEquals("b", first.getString("invocationId"), "the blocked method's completion first: " + first);
            assertEquals("released", first.getString("result"));
            assertEquals("e", second.getString("invocationId"), "then the invocation behind it: " + second);
            assertEquals("behind", second.getString("result"));
        }
        awaitIdle();
    }

    /**
     * An {@code @OnDisconnected} that blocks, for a connection the heartbeat ends (a long-polling client that stopped
     * polling): it must not run on the heartbeat's thread, which every other connection's pings need.
     */
    @Test
    void aBlockedOnDisconnectedOfATimedOutConnectionDoesNotStopOtherConnectionsPings() throws IOException {
        JsonObject before = stats();
        try (RawConnection watcher = new RawHub(base, "faults").connect()) {
            String query = "blockOnDisconnect=true";
            String token = new RawHub(base, "faults").negotiate(query + "&negotiateVersion=1").body();
            token = RawHub.parse(token).getString("connectionToken");
            URI poll = URI.create(base + "faults?" + query + "&id=" + java.net.URLEncoder.encode(token,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, send(HttpRequest.newBuilder(poll).GET()).statusCode(), "the first poll");
            assertEquals(200, send(HttpRequest.newBuilder(poll)
                    .POST(HttpRequest.BodyPublishers.ofString(RawHub.JSON_HANDSHAKE))).statusCode(), "the handshake");
            assertEquals("{}" + RawConnection.RS, send(HttpRequest.newBuilder(poll).GET()).body(),
                    "the handshake answer");
            // ... and it never polls again: after the disconnect timeout the heartbeat ends it.

            awaitStats("@OnDisconnected of the vanished client blocking",
                    s -> count(s, "disconnected") - count(before, "disconnected") == 1);
            while (watcher.hasUnreadRecords()) {
                watcher.nextRecord(); // pings from before
            }
            for (int ping = 0; ping < 3; ping++) {
                assertEquals(RawConnection.PING, watcher.nextRecord(),
                        "the other connection is pinged while @OnDisconnected blocks (ping " + (ping + 1) + ")");
            }
            assertEquals(2, count(stats().getJsonObject("hub"), "connections"),
                    "the watcher, and the vanished connection, which has not completely ended while its "
                            + "@OnDisconnected runs");
        }
        post("release");
        awaitIdle();
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":["
                + arguments + "]}" + RawConnection.RS;
    }

    /** Polls the hub's counts until it holds nothing, failing after {@link Await#TIMEOUT}. */
    private JsonObject awaitIdle() {
        return awaitStats("the hub holding nothing", last -> {
            JsonObject hub = last.getJsonObject("hub");
            return count(hub, "connections") == 0 && count(hub, "registeredConnections") == 0
                    && count(hub, "groupMemberships") == 0 && count(hub, "runningInvocations") == 0;
        });
    }

    /** Polls the counts until they satisfy a condition, failing after {@link Await#TIMEOUT}. */
    private JsonObject awaitStats(String what, java.util.function.Predicate<JsonObject> condition) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            JsonObject last = stats();
            if (condition.test(last)) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                fail("Not seen within " + Await.TIMEOUT.toSeconds() + " s: " + what + "; the counts: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the pace of polling, not a synchronisation
        }
    }

    private JsonObject stats() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api("stats")).GET());
        assertEquals(200, response.statusCode(), response::body);
        return RawHub.parse(response.body());
    }

    private void post(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(api(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, response.statusCode(), response::body);
    }

    private URI api(String path) {
        return URI.create(base + "api/faults/" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long count(JsonObject object, String name) {
        return object.getJsonNumber(name).longValue();
    }
}
