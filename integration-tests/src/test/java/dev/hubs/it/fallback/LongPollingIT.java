package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Long polling over raw HTTP, request by request, as SignalR's transport protocol describes it: the first poll is
 * answered at once and empty; later polls are held until the server has something to send, and carry everything
 * that waits; a newer poll replaces a held one, which gets 204; DELETE ends the connection with 202 and answers the
 * held poll with 204, and later requests get 404; POST bodies may carry several records, and a POST while another
 * of the same connection is in progress waits for it. The hub has the default poll timeout (90 s), so no poll of these
 * tests ends by timing out.
 */
@ExtendWith(ArquillianExtension.class)
class LongPollingIT {

    private static final String HUB = "transport";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(LongPollingIT.class, TransportHub.class, DisconnectLog.class);
    }

    @ArquillianResource
    URL base;

    private HubHttp http;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void hub() {
        http = new HubHttp(base, HUB);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private LongPoll connect() {
        LongPoll poll = LongPoll.connect(http);
        opened.add(poll);
        return poll;
    }

    private WsObserver observer() {
        WsObserver observer = new WsObserver(http);
        opened.add(observer);
        return observer;
    }

    @Test
    void theFirstPollIsAnsweredAtOnceAndEmpty() {
        LongPoll poll = LongPoll.negotiate(http);
        opened.add(poll);
        HttpResponse<String> first = poll.firstPoll();
        assertAll(
                () -> assertEquals(200, first.statusCode(), HubHttp.describe(first)),
                () -> assertEquals(LongPoll.OCTET_STREAM, first.headers().firstValue("Content-Type").orElse(null),
                        HubHttp.describe(first)),
                () -> assertEquals("0", first.headers().firstValue("Content-Length").orElse(null),
                        HubHttp.describe(first)),
                () -> assertEquals("", first.body()));
        poll.handshake();
        assertEquals("LongPolling", poll.invokeForString("1", "transport"),
                "HubCallerContext.transport() of a long-polling connection");
        assertEquals("echoed", poll.invokeForString("2", "echo", "echoed"));
    }

    @Test
    void aNewerPollReplacesTheHeldOneAndAMessageAnswersIt() throws Exception {
        LongPoll poll = connect();
        String id = poll.invokeForString("1", "whoAmI");
        WsObserver observer = observer();

        // Nothing waits for the connection: of two polls, the one the server sees first is held until the other
        // replaces it (204), and the other stays held.
        CompletableFuture<HttpResponse<String>> held = poll.heldPoll();

        observer.invoke("toClientMany", id, 1);
        HttpResponse<String> answered = HubHttp.await(held, "the held poll");
        assertEquals(200, answered.statusCode(), HubHttp.describe(answered));
        assertEquals(LongPoll.OCTET_STREAM, answered.headers().firstValue("Content-Type").orElse(null),
                HubHttp.describe(answered));
        List<String> records = Records.split(answered.body());
        assertEquals(1, records.size(), HubHttp.describe(answered));
        JsonObject message = Records.parse(records.get(0));
        assertAll(
                () -> assertEquals(1, message.getInt("type")),
                () -> assertEquals("receive", message.getString("target")),
                () -> assertEquals("[\"1\"]", message.getJsonArray("arguments").toString()));
    }

    @Test
    void ofTwoPollsSentAtOnceOneIsAlwaysAnswered204() {
        // The race of heldPoll(), many times over: two polls that reach the server at the same moment must still end
        // with one held and the other answered 204, never with both held (one of them then never answered).
        int rounds = 40;
        for (int round = 1; round <= rounds; round++) {
            try (LongPoll poll = LongPoll.connect(http)) {
                CompletableFuture<HttpResponse<String>> a = poll.pollAsync(Await.TIMEOUT.multipliedBy(2));
                CompletableFuture<HttpResponse<String>> b = poll.pollAsync(Await.TIMEOUT.multipliedBy(2));
                try {
                    CompletableFuture.anyOf(a, b).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    fail("Round " + round + " of " + rounds + ": neither of two concurrent polls was answered within "
                            + Await.TIMEOUT + ", so both were held and the replaced one was never answered");
                } catch (ExecutionException e) {
                    fail("Round " + round + ": a poll failed: " + e.getCause());
                }
                CompletableFuture<HttpResponse<String>> replaced = a.isDone() ? a : b;
                HttpResponse<String> first = replaced.join();
                assertEquals(204, first.statusCode(), "Round " + round + ": " + HubHttp.describe(first));
                assertEquals(202, poll.delete().statusCode());
                HttpResponse<String> other = HubHttp.await(replaced == a ? b : a, "the held poll after DELETE");
                assertEquals(204, other.statusCode(), "Round " + round + ": " + HubHttp.describe(other));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void messagesQueuedBetweenPollsLeaveTogetherInTheNextPoll() {
        LongPoll poll = connect();
        String id = poll.invokeForString("1", "whoAmI");
        WsObserver observer = observer();

        // No poll is open; the observer's invocation completes once all three are queued for the connection.
        observer.invoke("toClientMany", id, 3);
        HttpResponse<String> response = poll.poll();
        assertEquals(200, response.statusCode(), HubHttp.describe(response));
        List<String> records = Records.split(response.body());
        assertEquals(List.of(
                        "receive(1)", "receive(2)", "receive(3)"),
                records.stream().map(LongPollingIT::call).toList(),
                "All three queued messages must come in one poll response: " + HubHttp.describe(response));
    }

    @Test
    void aPostMayCarrySeveralRecords() {
        LongPoll poll = connect();
        String body = Records.invocation("1", "echo", "a")
                + Records.invocation("2", "echo", "b")
                + Records.invocation("3", "echo", "c");
        HttpResponse<String> sent = poll.send(body);
        assertEquals(200, sent.statusCode(), HubHttp.describe(sent));
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonObject completion = Records.parse(poll.nextRecord());
            assertEquals(3, completion.getInt("type"), completion::toString);
            results.add(completion.getString("invocationId") + "=" + completion.getString("result"));
        }
        assertEquals(List.of("1=a", "2=b", "3=c"), results);
    }

    @Test
    void deleteEndsTheConnectionAndAnswersTheHeldPollWith204() {
        LongPoll poll = connect();
        String id = poll.invokeForString("1", "whoAmI");
        WsObserver observer = observer();

        CompletableFuture<HttpResponse<String>> held = poll.heldPoll();
        HttpResponse<String> deleted = poll.delete();
        assertEquals(202, deleted.statusCode(), HubHttp.describe(deleted));
        HttpResponse<String> ended = HubHttp.await(held, "the held poll after DELETE");
        assertEquals(204, ended.statusCode(), HubHttp.describe(ended));

        HttpResponse<String> later = poll.poll();
        assertEquals(404, later.statusCode(), "A poll after DELETE: " + HubHttp.describe(later));
        assertEquals("No Connection with that ID", later.body());
        HttpResponse<String> post = poll.send(Records.invocation("2", "echo", "x"));
        assertEquals(404, post.statusCode(), "A POST after DELETE: " + HubHttp.describe(post));
        assertEquals("clean", observer.awaitDisconnection(id), "@OnDisconnected after DELETE");
    }

    @Test
    void aPostWhileAnotherPostOfTheConnectionIsInProgressWaitsForIt() {
        LongPoll poll = connect();
        CompletableFuture<HttpResponse<String>> second;
        int firstStatus;
        try (ChunkedPost first = new ChunkedPost(http.uri(poll.query()))) {
            // The first record of the first POST is dispatched while the server waits for the rest of its body: once
            // its message arrives, the server is inside that POST.
            first.chunk(Records.invocation("1", "toCaller", "inside the first POST"));
            assertEquals("receive(inside the first POST)", call(poll.nextRecord()));

            // The official Java client sends like this: a POST of its own per message, without waiting for the last.
            second = http.postAsync(poll.query(), Records.invocation("2", "echo", "the second POST"));
            first.chunk(Records.invocation("3", "toCaller", "still the first POST"));
            firstStatus = first.end();
        }
        assertEquals(200, firstStatus, "The first POST, once its body ended");
        HttpResponse<String> secondResponse = HubHttp.await(second, "the second POST");
        assertEquals(200, secondResponse.statusCode(),
                "A POST that arrives while another is being processed waits for it, as in SignalR; refusing it would "
                        + "lose its message: " + HubHttp.describe(secondResponse));

        // Everything of the first POST comes before anything of the second.
        List<String> seen = new ArrayList<>();
        while (seen.size() < 4) {
            String record = poll.nextRecord();
            if (Records.parse(record).getInt("type", -1) != 6) { // a Ping may come at any time
                seen.add(callOrCompletion(record));
            }
        }
        assertEquals(List.of("completion(1)", "receive(still the first POST)", "completion(3)",
                "completion(2, the second POST)"), seen, "in the order the POSTs were processed");
        assertEquals("after", poll.invokeForString("4", "echo", "after"));
    }

    /** A Completion as {@code completion(id[, result])}, anything else as {@link #call(String)} writes it. */
    private static String callOrCompletion(String record) {
        JsonObject message = Records.parse(record);
        if (message.getInt("type", -1) != 3) {
            return call(record);
        }
        return "completion(" + message.getString("invocationId")
                + (message.get("result") instanceof jakarta.json.JsonString result ? ", " + result.getString() : "")
                + ")";
    }

    @Test
    void aCloseMessageEndsTheHeldPollAtOnce() {
        LongPoll poll = connect();
        String id = poll.invokeForString("1", "whoAmI");
        WsObserver observer = observer();

        // What the official Java client's stop() does: a Close message by POST, then DELETE, then it waits for its
        // held poll to end. SignalR ends the connection on the Close message, and the held poll with it.
        CompletableFuture<HttpResponse<String>> held = poll.heldPoll();
        long sent = System.nanoTime();
        HttpResponse<String> close = poll.send(Records.close());
        assertEquals(200, close.statusCode(), HubHttp.describe(close));
        HttpResponse<String> ended = HubHttp.await(held, "the held poll after a Close message");
        long tookMillis = (System.nanoTime() - sent) / 1_000_000;
        assertEquals(204, ended.statusCode(), HubHttp.describe(ended));
        assertTrue(tookMillis < 1000, "The held poll must end as soon as the client said Close, but it took "
                + tookMillis + " ms");
        assertEquals("clean", observer.awaitDisconnection(id));
    }

    /** A record as {@code target(arg, ...)}, or the record itself when it is no invocation. */
    private static String call(String record) {
        JsonObject message = Records.parse(record);
        if (message.getInt("type", -1) != 1) {
            return record;
        }
        StringBuilder call = new StringBuilder(message.getString("target")).append('(');
        List<String> args = message.getJsonArray("arguments").stream()
                .map(value -> value instanceof jakarta.json.JsonString s ? s.getString() : value.toString()).toList();
        return call.append(String.join(", ", args)).append(')').toString();
    }
}
