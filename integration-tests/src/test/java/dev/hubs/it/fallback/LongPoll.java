package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;
import jakarta.json.JsonObject;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A long-polling connection driven request by request, as SignalR's transport protocol describes it: negotiate, a
 * first poll that the server answers at once, the handshake by POST, then polls for what the server sends and POSTs
 * for what the client sends; DELETE ends it. {@link #close()} sends the DELETE if the test did not.
 */
final class LongPoll implements AutoCloseable {

    /** The first poll of a connection: answered at once, 200, empty. */
    static final String OCTET_STREAM = "application/octet-stream";

    private final HubHttp http;
    private final String token;
    private final Deque<String> unread = new ArrayDeque<>();
    private boolean deleted;

    private LongPoll(HubHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    /** Negotiates a connection; no request of the transport is sent yet. */
    static LongPoll negotiate(HubHttp http) {
        return new LongPoll(http, http.negotiateToken());
    }

    /** Negotiates, sends the first poll (which must be answered at once and empty), and completes the handshake. */
    static LongPoll connect(HubHttp http) {
        LongPoll poll = negotiate(http);
        poll.firstPoll();
        poll.handshake();
        return poll;
    }

    /** The connection token, which is also the {@code id} of every request. */
    String token() {
        return token;
    }

    /** The query string of the connection's requests. */
    String query() {
        return "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The first poll: establishes the transport; the server must answer 200 with an empty body at once. */
    HttpResponse<String> firstPoll() {
        HttpResponse<String> response = http.get(query());
        assertEquals(200, response.statusCode(), () -> "The first poll: " + HubHttp.describe(response));
        assertEquals("", response.body(), () -> "The first poll must be empty: " + HubHttp.describe(response));
        return response;
    }

    /** Sends the JSON handshake by POST and polls for the server's answer, which must be {@code {}}. */
    void handshake() {
        HttpResponse<String> sent = send(Records.HANDSHAKE);
        assertEquals(200, sent.statusCode(), () -> "The handshake POST: " + HubHttp.describe(sent));
        assertEquals("{}", nextRecord(), "The handshake response");
    }

    /** A poll, waited for (up to {@link Await#TIMEOUT}). */
    HttpResponse<String> poll() {
        return HubHttp.await(pollAsync(), "a poll of " + token);
    }

    /** A poll that the server may hold; it is given up after {@link Await#TIMEOUT}. */
    CompletableFuture<HttpResponse<String>> pollAsync() {
        return pollAsync(Await.TIMEOUT);
    }

    /** A poll that the server may hold; it is given up after {@code timeout}. */
    CompletableFuture<HttpResponse<String>> pollAsync(Duration timeout) {
        return http.getAsync(query(), timeout);
    }

    /**
     * A poll that is surely held by the server when this returns: two polls are sent, the server holds whichever it
     * sees first until the other replaces it, and answers the replaced one with 204. (The order in which two requests
     * on two TCP connections reach the server is not known, hence two.)
     *
     * @return the poll that the server holds
     */
    CompletableFuture<HttpResponse<String>> heldPoll() {
        // The JDK gives up on these later than this method waits, so that an unanswered poll is reported as such.
        CompletableFuture<HttpResponse<String>> a = pollAsync(Await.TIMEOUT.multipliedBy(2));
        CompletableFuture<HttpResponse<String>> b = pollAsync(Await.TIMEOUT.multipliedBy(2));
        try {
            CompletableFuture.anyOf(a, b).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("A poll failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Of two polls, the server must answer the replaced one with 204 at once; "
                    + "neither was answered within " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        CompletableFuture<HttpResponse<String>> replaced = a.isDone() ? a : b;
        CompletableFuture<HttpResponse<String>> held = replaced == a ? b : a;
        HttpResponse<String> response = replaced.join();
        assertEquals(204, response.statusCode(), () -> "The replaced poll must get 204: "
                + HubHttp.describe(response));
        if (held.isDone()) {
            throw new AssertionError("The newer poll must be held while nothing waits, but it was answered: "
                    + HubHttp.describe(held.join()));
        }
        return held;
    }

    /** POSTs records. */
    HttpResponse<String> send(String records) {
        return http.post(query(), records);
    }

    /** POSTs records without waiting for the answer. */
    CompletableFuture<HttpResponse<String>> sendAsync(String records) {
        return http.postAsync(query(), records);
    }

    /** The DELETE that ends the connection. */
    HttpResponse<String> delete() {
        deleted = true;
        return http.delete(query());
    }

    /**
     * The next record the server sends (Pings included), polling as long as needed; a poll that the poll timeout
     * ends empty is simply followed by the next.
     */
    String nextRecord() {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (unread.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No record arrived within " + Await.TIMEOUT + " on " + token);
            }
            unread.addAll(pollRecords());
        }
        return unread.removeFirst();
    }

    /** One poll, which must answer 200; its records (none when the poll timed out). */
    List<String> pollRecords() {
        HttpResponse<String> response = poll();
        assertEquals(200, response.statusCode(), () -> "A poll: " + HubHttp.describe(response));
        return Records.split(response.body());
    }

    /**
     * Invokes a hub method and returns its Completion (type 3); records that arrive before it are kept for
     * {@link #nextRecord()} (Pings are dropped).
     */
    JsonObject invoke(String invocationId, String target, Object... arguments) {
        HttpResponse<String> sent = send(Records.invocation(invocationId, target, arguments));
        assertEquals(200, sent.statusCode(), () -> "POST of an invocation: " + HubHttp.describe(sent));
        List<String> before = new ArrayList<>();
        while (true) {
            String record = nextRecord();
            JsonObject message = Records.parse(record);
            if (message.getInt("type", -1) == 3 && invocationId.equals(message.getString("invocationId", null))) {
                unread.addAll(before);
                return message;
            }
            if (message.getInt("type", -1) != 6) {
                before.add(record);
            }
        }
    }

    /** Invokes a hub method that returns a string, and returns it. */
    String invokeForString(String invocationId, String target, Object... arguments) {
        JsonObject completion = invoke(invocationId, target, arguments);
        if (!completion.containsKey("result")) {
            throw new AssertionError(target + " completed without a result: " + completion);
        }
        return completion.getString("result");
    }

    @Override
    public void close() {
        if (!deleted) {
            try {
                delete();
            } catch (AssertionError e) {
                // clean-up only: the connection may already be gone
            }
        }
    }
}
