package dev.hubs.core;

import dev.hubs.HubException;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.spi.UserIdProvider;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams both ways and client results through the receive path, without a network: the exact records a client
 * gets, how far ahead a stream runs, and what ends each stream.
 */
@Timeout(20)
class StreamingRuntimeTest {

    private static final String RS = RuntimeClient.RS;
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The publisher the next {@code counter} call returns. */
    static volatile CountingPublisher nextPublisher;

    /** A hub that streams, takes uploads and asks its caller for results. */
    public static class StreamHub {
        HubCaller caller;

        public Flow.Publisher<Integer> counter() {
            return nextPublisher;
        }

        public Flow.Publisher<Slow> slowItem() {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                private boolean sent;

                @Override
                public void request(long n) {
                    if (!sent) {
                        sent = true;
                        // Emitted from another thread, as a real publisher does, so that a cancel can come meanwhile.
                        new Thread(() -> subscriber.onNext(new Slow())).start();
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }

        public Flow.Publisher<Integer> broken() {
            throw new IllegalStateException("secret");
        }

        public Flow.Publisher<Integer> refused() {
            throw new HubException("not today");
        }

        public Flow.Publisher<Integer> nothing() {
            return null;
        }

        public String plain() {
            return "plain";
        }

        public CompletionStage<String> concat(String separator, Flow.Publisher<String> words) {
            CompletableFuture<String> result = new CompletableFuture<>();
            words.subscribe(new Flow.Subscriber<>() {
                final List<String> seen = new ArrayList<>();

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String item) {
                    seen.add(item);
                }

                @Override
                public void onError(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    result.complete(String.join(separator, seen));
                }
            });
            return result;
        }

        public CompletionStage<String> askName(String prefix) {
            return caller.clients().caller().invoke(String.class, "getName", prefix)
                    .thenApply(name -> prefix + name);
        }

        public CompletionStage<Integer> askAge() {
            return caller.clients().caller().invoke(Integer.class, "getAge").thenApply(age -> age + 1);
        }
    }

    /** Entered and released by the serializer of {@link Slow}. */
    static final java.util.concurrent.CountDownLatch SLOW_ENTERED = new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.CountDownLatch SLOW_RELEASED = new java.util.concurrent.CountDownLatch(1);

    /** An item whose conversion to JSON waits until the test lets it go. */
    @jakarta.json.bind.annotation.JsonbTypeSerializer(SlowSerializer.class)
    public static final class Slow {
    }

    /** Writes {@code "slow"} once released. */
    public static final class SlowSerializer implements jakarta.json.bind.serializer.JsonbSerializer<Slow> {
        @Override
        public void serialize(Slow slow, jakarta.json.stream.JsonGenerator generator,
                              jakarta.json.bind.serializer.SerializationContext context) {
            SLOW_ENTERED.countDown();
            try {
                SLOW_RELEASED.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            generator.write("slow");
        }
    }

    /** Gives each hub instance its caller, and counts instances. */
    static final class Activator implements HubActivator {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public ActivatedHub create(HubCaller caller) {
            StreamHub hub = new StreamHub();
            hub.caller = caller;
            created.incrementAndGet();
            return new ActivatedHub() {
                @Override
                public Object instance() {
                    return hub;
                }

                @Override
                public void release() {
                    released.incrementAndGet();
                }
            };
        }
    }

    private Activator activator;
    private HubRuntime runtime;

    @BeforeEach
    void createRuntime() {
        runtime(HubOptions.DEFAULTS);
    }

    private void runtime(HubOptions options) {
        activator = new Activator();
        runtime = new HubRuntime("/streams", HubMethodTable.of(StreamHub.class), activator,
                new DefaultHubLifetimeManager(), UserIdProvider.principalName(), JSONB, options);
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private RuntimeClient client(RecordingChannel channel) {
        RuntimeClient client = new RuntimeClient(runtime, (java.security.Principal) null, channel);
        client.receive(RuntimeClient.HANDSHAKE);
        return client;
    }

    private RuntimeClient client() {
        RuntimeClient client = client(RecordingChannel.sync());
        assertEquals(List.of("{}"), client.records());
        return client;
    }

    private static String streamInvocation(String id, String target, String arguments) {
        return "{\"type\":4,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":["
                + arguments + "]}" + RS;
    }

    // ---------------------------------------------------------------- server to client

    @Test
    void itemsInOrderThenAnEmptyCompletion() {
        nextPublisher = new CountingPublisher(3);
        RuntimeClient client = client();
        client.receive(streamInvocation("7", "counter", ""));
        assertEquals(List.of(
                "{\"type\":2,\"invocationId\":\"7\",\"item\":0}",
                "{\"type\":2,\"invocationId\":\"7\",\"item\":1}",
                "{\"type\":2,\"invocationId\":\"7\",\"item\":2}",
                "{\"type\":3,\"invocationId\":\"7\"}"), client.afterHandshake());
        assertEquals(0, client.connection.streams().outgoingCount(), "the ended stream is forgotten");
        assertEquals(activator.created.get(), activator.released.get(), "the hub is released after the stream");
    }

    @Test
    void aStreamRunsNoFurtherAheadThanTheStreamBufferOfUnwrittenItems() throws Exception {
        runtime(HubOptions.DEFAULTS.withStreamBufferCapacity(4));
        CountingPublisher publisher = new CountingPublisher(100_000);
        nextPublisher = publisher;
        RecordingChannel slow = RecordingChannel.manual();
        RuntimeClient client = client(slow);
        assertTrue(slow.completeNext(1000)); // the handshake response
        client.receive(streamInvocation("1", "counter", ""));
        assertEquals(4, publisher.requested.get(), "only the stream buffer is requested up front");
        assertEquals(4, publisher.emitted.get());
        // Nothing more is requested while the client does not read, however long it takes.
        assertEquals(4, publisher.requested.get());
        int completed = 0;
        int maxAhead = 0;
        while (slow.completeNext(1000)) {
            completed++;
            // Items emitted but not yet written, plus items requested but not yet emitted: never above the buffer.
            long written = publisher.emitted.get() - client.connection.queuedRecords();
            long ahead = publisher.requested.get() - written;
            if (publisher.emitted.get() < 100_000) { // afterwards the queue also holds the Completion
                maxAhead = (int) Math.max(maxAhead, ahead);
                assertTrue(ahead <= 4, "the stream ran " + ahead + " items ahead of the client");
            }
            if (publisher.emitted.get() == 100_000 && slow.pendingWrites() == 0) {
                break;
            }
        }
        assertEquals(4, maxAhead, "the buffer is used");
        assertTrue(completed > 0);
        List<String> records = client.records();
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":99999}", records.get(records.size() - 2));
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", records.get(records.size() - 1));
        assertEquals(100_000 + 2, records.size());
    }

    @Test
    void cancelInvocationCancelsThePublisherAndEndsTheStream() throws Exception {
        CountingPublisher publisher = new CountingPublisher(1_000);
        nextPublisher = publisher;
        RecordingChannel slow = RecordingChannel.manual();
        RuntimeClient client = client(slow);
        assertTrue(slow.completeNext(1000));
        client.receive(streamInvocation("1", "counter", ""));
        client.receive("{\"type\":5,\"invocationId\":\"1\"}" + RS);
        assertTrue(publisher.wasCancelled());
        while (slow.completeNext(100)) {
            // let everything queued leave
        }
        List<String> records = client.afterHandshake();
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", records.get(records.size() - 1));
        assertTrue(records.size() <= 1 + HubOptions.DEFAULTS.streamBufferCapacity(), records.toString());
        assertEquals(0, client.connection.streams().outgoingCount());
        assertEquals(activator.created.get(), activator.released.get());
        assertEquals("open", client.connection.state() == dev.hubs.core.connection.ConnectionState.CONNECTED
                ? "open" : "closed", "cancelling a stream keeps the connection");
    }

    @Test
    void theCompletionAnsweringACancelComesAfterAnItemBeingQueuedMeanwhile() throws Exception {
        RecordingChannel channel = RecordingChannel.sync();
        RuntimeClient client = client(channel);
        client.receive(streamInvocation("1", "slowItem", ""));
        assertTrue(SLOW_ENTERED.await(5, java.util.concurrent.TimeUnit.SECONDS), "the item is on its way");
        client.receive("{\"type\":5,\"invocationId\":\"1\"}" + RS);
        SLOW_RELEASED.countDown();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (client.records().size() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("{}", "{\"type\":2,\"invocationId\":\"1\",\"item\":\"slow\"}",
                "{\"type\":3,\"invocationId\":\"1\"}"), client.records(), "the Completion is the stream's last record");
    }

    @Test
    void theEndOfTheConnectionCancelsItsStreams() throws Exception {
        CountingPublisher publisher = new CountingPublisher(1_000);
        nextPublisher = publisher;
        RecordingChannel slow = RecordingChannel.manual();
        RuntimeClient client = client(slow);
        assertTrue(slow.completeNext(1000));
        client.receive(streamInvocation("1", "counter", ""));
        runtime.transportClosed(client.connection, null);
        assertTrue(publisher.wasCancelled());
        assertEquals(0, client.connection.streams().outgoingCount());
        assertEquals(activator.created.get(), activator.released.get());
    }

    @Test
    void aFailingPublisherEndsTheStreamWithSignalRsText() {
        nextPublisher = new CountingPublisher(10, 2);
        RuntimeClient client = client();
        client.receive(streamInvocation("1", "counter", ""));
        assertEquals(List.of(
                "{\"type\":2,\"invocationId\":\"1\",\"item\":0}",
                "{\"type\":2,\"invocationId\":\"1\",\"item\":1}",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An error occurred on the server while streaming "
                        + "results.\"}"), client.afterHandshake());
    }

    @Test
    void aMethodThatThrowsOrReturnsNothingAnswersWithAnError() {
        RuntimeClient client = client();
        client.receive(streamInvocation("1", "broken", ""));
        client.receive(streamInvocation("2", "refused", ""));
        client.receive(streamInvocation("3", "nothing", ""));
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'broken' on "
                        + "the server.\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'refused' on "
                        + "the server. HubException: not today\"}",
                "{\"type\":3,\"invocationId\":\"3\",\"error\":\"The value returned by the streaming method 'nothing' "
                        + "is not a Flow.Publisher.\"}"), client.afterHandshake());
        assertEquals(activator.created.get(), activator.released.get());
    }

    @Test
    void mismatchedInvocationKindsGetSignalRsErrors() {
        nextPublisher = new CountingPublisher(1);
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[]}" + RS);
        client.receive("{\"type\":1,\"target\":\"counter\",\"arguments\":[]}" + RS); // no id: nothing to answer
        client.receive(streamInvocation("2", "plain", ""));
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"The client attempted to invoke the streaming "
                        + "'counter' method with a non-streaming invocation.\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"The client attempted to invoke the non-streaming "
                        + "'plain' method with a streaming invocation.\"}"), client.afterHandshake());
        assertEquals(0, activator.created.get(), "no hub is created for a refused invocation");
    }

    @Test
    void aSecondStreamWithAnIdInUseIsRefused() throws Exception {
        nextPublisher = new CountingPublisher(1_000);
        RecordingChannel slow = RecordingChannel.manual();
        RuntimeClient client = client(slow);
        assertTrue(slow.completeNext(1000));
        client.receive(streamInvocation("1", "counter", ""));
        client.receive(streamInvocation("1", "counter", ""));
        while (slow.completeNext(100)) {
            if (client.records().contains("{\"type\":3,\"invocationId\":\"1\",\"error\":\"Invocation ID '1' is "
                    + "already in use.\"}")) {
                return;
            }
        }
        throw new AssertionError("no in-use error among " + client.records());
    }

    // ---------------------------------------------------------------- client to server

    @Test
    void anUploadIsConsumedByTheHubMethod() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"concat\",\"arguments\":[\"-\"],"
                + "\"streamIds\":[\"u1\"]}" + RS);
        client.receive("{\"type\":2,\"invocationId\":\"u1\",\"item\":\"a\"}" + RS
                + "{\"type\":2,\"invocationId\":\"u1\",\"item\":\"b\"}" + RS);
        assertEquals(List.of(), client.afterHandshake(), "nothing is answered before the upload ends");
        client.receive("{\"type\":2,\"invocationId\":\"u1\",\"item\":\"c\"}" + RS
                + "{\"type\":3,\"invocationId\":\"u1\"}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":\"a-b-c\"}"), client.afterHandshake());
        assertEquals(0, client.connection.streams().uploadCount());
    }

    @Test
    void anUploadTheClientFailsFailsTheMethod() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"concat\",\"arguments\":[\"-\"],"
                + "\"streamIds\":[\"u1\"]}" + RS);
        client.receive("{\"type\":3,\"invocationId\":\"u1\",\"error\":\"client gave up\"}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking "
                + "'concat' on the server. HubException: client gave up\"}"), client.afterHandshake());
    }

    @Test
    void anItemOfTheWrongTypeFailsThatUploadOnly() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"concat\",\"arguments\":[\"-\"],"
                + "\"streamIds\":[\"u1\"]}" + RS);
        client.receive("{\"type\":2,\"invocationId\":\"u1\",\"item\":{\"not\":\"a string\"}}" + RS);
        client.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"plain\",\"arguments\":[]}" + RS);
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'concat' on "
                        + "the server. HubException: Failed to bind Stream message.\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"result\":\"plain\"}"), client.afterHandshake());
    }

    @Test
    void theNumberOfStreamsMustMatchTheMethod() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"concat\",\"arguments\":[\"-\"]}" + RS);
        client.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"plain\",\"arguments\":[],"
                + "\"streamIds\":[\"x\"]}" + RS);
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'concat' on "
                        + "the server. HubException: Client sent 0 stream(s), Hub method expects 1.\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'plain' on "
                        + "the server. HubException: Client sent 1 stream(s), Hub method expects 0.\"}"),
                client.afterHandshake());
    }

    @Test
    void itemsForNoOpenStreamAreIgnored() {
        RuntimeClient client = client();
        client.receive("{\"type\":2,\"invocationId\":\"nope\",\"item\":1}" + RS
                + "{\"type\":3,\"invocationId\":\"nope\"}" + RS
                + "{\"type\":5,\"invocationId\":\"nope\"}" + RS
                + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"plain\",\"arguments\":[]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":\"plain\"}"), client.afterHandshake());
    }

    // ---------------------------------------------------------------- client results

    @Test
    void aHubMethodAsksItsCallerForAResult() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"askName\",\"arguments\":[\"Dr \"]}" + RS);
        assertEquals(List.of("{\"type\":1,\"invocationId\":\"r1\",\"target\":\"getName\",\"arguments\":[\"Dr \"]}"),
                client.afterHandshake(), "the invocation waits for the answer, which is read meanwhile");
        client.receive("{\"type\":3,\"invocationId\":\"r1\",\"result\":\"Ada\"}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"Dr Ada\"}",
                client.afterHandshake().get(1));
        assertEquals(0, client.connection.results().size());
    }

    @Test
    void theClientsErrorFailsTheResult() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"askName\",\"arguments\":[\"x\"]}" + RS);
        client.receive("{\"type\":3,\"invocationId\":\"r1\",\"error\":\"Client didn't provide a result.\"}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking "
                + "'askName' on the server. HubException: Client didn't provide a result.\"}",
                client.afterHandshake().get(1));
    }

    @Test
    void aResultOfTheWrongTypeFailsThatCallOnly() {
        RuntimeClient client = client();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"askAge\",\"arguments\":[]}" + RS);
        client.receive("{\"type\":3,\"invocationId\":\"r1\",\"result\":\"old\"}" + RS);
        String answer = client.afterHandshake().get(1);
        assertTrue(answer.startsWith("{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred "
                + "invoking 'askAge' on the server. HubException: Error trying to deserialize result to Integer."),
                answer);
        client.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"askAge\",\"arguments\":[]}" + RS);
        client.receive("{\"type\":3,\"invocationId\":\"r2\",\"result\":41}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":42}", client.afterHandshake().get(3));
        assertEquals(dev.hubs.core.connection.ConnectionState.CONNECTED, client.connection.state());
    }

    @Test
    void aResultNotGivenInTimeFailsWithATimeout() {
        runtime(HubOptions.DEFAULTS.withClientResultTimeout(Duration.ofSeconds(5)));
        RuntimeClient client = client();
        CompletionStage<String> asked = runtime.clients().client(client.connectionId).invoke(String.class, "getName");
        runtime.heartbeat(System.nanoTime() + Duration.ofSeconds(2).toNanos());
        assertFalse(asked.toCompletableFuture().isDone(), "not yet");
        runtime.heartbeat(System.nanoTime() + Duration.ofSeconds(6).toNanos());
        Throwable error = failure(asked);
        assertTrue(error instanceof java.util.concurrent.TimeoutException, String.valueOf(error));
        assertEquals(0, client.connection.results().size());
    }

    @Test
    void aResultFailsWhenTheConnectionEndsOrDoesNotExist() {
        RuntimeClient client = client();
        CompletionStage<String> asked = runtime.clients().client(client.connectionId).invoke(String.class, "getName");
        runtime.transportClosed(client.connection, null);
        Throwable error = failure(asked);
        assertTrue(error instanceof java.io.IOException, String.valueOf(error));
        assertEquals("Connection '" + client.connectionId + "' disconnected.", error.getMessage());
        Throwable unknown = failure(runtime.clients().client("nobody").invoke(String.class, "getName"));
        assertEquals("Connection 'nobody' does not exist.", unknown.getMessage());
    }

    @Test
    void onlyASingleClientCanBeAskedForAResult() {
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> runtime.clients().all().invoke(String.class, "getName"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> runtime.clients().group("g").invoke(String.class, "getName"));
    }

    /** A typed client interface with a client result. */
    public interface Asker {
        CompletionStage<List<Integer>> getNumbers(int count);

        CompletionStage<Void> notice(String text);
    }

    @Test
    void typedClientMethodsReturningAStageOfAValueAskForAResult() {
        RuntimeClient client = client();
        dev.hubs.core.clients.ClientInterface<Asker> asker = dev.hubs.core.clients.ClientInterface.of(Asker.class);
        CompletionStage<List<Integer>> numbers = asker.proxy(runtime.clients().client(client.connectionId))
                .getNumbers(3);
        asker.proxy(runtime.clients().client(client.connectionId)).notice("plain send");
        assertEquals(List.of("{\"type\":1,\"invocationId\":\"r1\",\"target\":\"getNumbers\",\"arguments\":[3]}",
                "{\"type\":1,\"target\":\"notice\",\"arguments\":[\"plain send\"]}"), client.afterHandshake());
        client.receive("{\"type\":3,\"invocationId\":\"r1\",\"result\":[1,2,3]}" + RS);
        assertEquals(List.of(1, 2, 3), numbers.toCompletableFuture().join(), "read as List<Integer>");
        Asker everybody = asker.proxy(runtime.clients().all());
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> everybody.getNumbers(1));
        everybody.notice("sending to all is fine");
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stage did not fail");
    }
}
