package dev.hubs.it.streams;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.hubs.it.fixtures.streams.ImpatientHub;
import dev.hubs.it.fixtures.streams.StreamFixtures;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.ReplaySubject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Streams both ways and client results with the official Java client 9.0.3, over WebSockets and long polling (it has
 * no Server-Sent Events): {@code stream(...)} receives a {@code Flow.Publisher}'s items in order, and disposing it
 * cancels the publisher on the server; handlers registered with {@code onWithResult(...)} answer
 * {@code ClientProxy.invoke} and typed client methods, and a failing or missing handler fails the hub's stage with
 * the client's text. Over WebSockets, an rxjava {@code Subject} passed as an argument uploads a stream, and a stream
 * of results is made from an upload.
 */
@ExtendWith(ArquillianExtension.class)
class JavaClientStreamsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(JavaClientStreamsIT.class, StreamFixtures.all()),
                ImpatientHub.CONFIG);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void streamReceivesItemsInOrderAndCompletes(TransportEnum transport) {
        HubConnection connection = connect(transport, "streams", handlers -> { });

        List<Integer> five = connection.stream(Integer.class, "counter", key(), 5)
                .toList().timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
        List<Integer> many = connection.stream(Integer.class, "counter", key(), 1000)
                .toList().timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();

        assertAll(transport.name(),
                () -> assertEquals(List.of(0, 1, 2, 3, 4), five, transport + ": five items"),
                () -> assertEquals(IntStream.range(0, 1000).boxed().toList(), many, transport + ": 1000 items"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void disposingTheStreamCancelsThePublisher(TransportEnum transport) {
        HubConnection connection = connect(transport, "streams", handlers -> { });
        String key = key();
        BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        Disposable subscription = connection.stream(Integer.class, "counter", key, 1_000_000)
                .subscribe(items::add, error -> { });
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(Await.next(items, transport + ": item " + i));
        }
        subscription.dispose();

        assertEquals(List.of(0, 1, 2), first, transport.name());
        assertEquals("cancelled", Calls.invoke(connection, String.class, "outcome", key),
                transport + ": disposing the stream cancels the publisher on the server");
        assertEquals("still here", Calls.invoke(connection, String.class, "echo", "still here"), transport.name());
    }

    /**
     * Over WebSockets only: over long polling the Java client sends every message in a POST of its own without
     * waiting for the previous one, so an upload's items and its end can reach any server out of order.
     */
    @Test
    void subjectsUploadStreams() {
        TransportEnum transport = TransportEnum.WEBSOCKETS;
        HubConnection connection = connect(transport, "streams", handlers -> { });

        ReplaySubject<String> parts = ReplaySubject.create();
        Single<String> concatenated = connection.invoke(String.class, "concat", parts);
        List.of("Hello", ", ", "uploaded ", "world").forEach(parts::onNext);
        parts.onComplete();

        PublishSubject<Integer> first = PublishSubject.create();
        PublishSubject<Integer> second = PublishSubject.create();
        Single<Integer> sum = connection.invoke(Integer.class, "weightedSum", first, 2, second);
        first.onNext(1);
        second.onNext(10);
        first.onNext(2);
        second.onNext(20);
        first.onNext(3);
        first.onComplete();
        second.onComplete();

        ReplaySubject<String> words = ReplaySubject.create();
        List.of("streams", "both", "ways").forEach(words::onNext);
        words.onComplete();
        List<String> upper = connection.stream(String.class, "upper", words)
                .toList().timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();

        assertAll(transport.name(),
                () -> assertEquals("Hello, uploaded world", await(concatenated), transport + ": concat"),
                () -> assertEquals(6 + 2 * 30, await(sum), transport + ": two uploads of one invocation"),
                () -> assertEquals(List.of("STREAMS", "BOTH", "WAYS"), upper, transport + ": both ways"));
    }

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void handlersAnswerClientResults(TransportEnum transport) {
        HubConnection a = connect(transport, "results", handlers -> {
            handlers.onWithResult("ask", question -> Single.just("java answers " + question), String.class);
            handlers.onWithResult("add", (x, y) -> Single.just(x + y), Integer.class, Integer.class);
            handlers.onWithResult("GetTags", name -> Single.just(List.of(name, "tagged")), String.class);
            handlers.onWithResult("refuse", question -> Single.<String>error(
                    new IllegalStateException("java will not say")), String.class);
            handlers.on("noResult", question -> { }, String.class);
        });
        HubConnection b = connect(transport, "results", handlers ->
                handlers.onWithResult("ask", question -> Single.just("b answers " + question), String.class));
        String bId = Calls.invoke(b, String.class, "whoAmI");

        assertAll(transport.name(),
                () -> assertEquals("java answers q1", Calls.invoke(a, String.class, "askCaller", "q1"),
                        transport + ": the caller answers"),
                () -> assertEquals("java answers q2 / java answers java answers q2",
                        Calls.invoke(a, String.class, "askCallerTwice", "q2"), transport + ": twice, composed"),
                () -> assertEquals("answer: b answers q3",
                        Calls.invoke(a, String.class, "askClientOutcome", bId, "ask", "q3"),
                        transport + ": another client answers"),
                () -> assertEquals(42, Calls.invoke(a, Integer.class, "typedAdd", 2, 40),
                        transport + ": a typed client method"),
                () -> assertEquals(List.of("ada", "tagged"), Calls.invoke(a, List.class, "typedTags", "ada"),
                        transport + ": a typed client method with a list result"),
                () -> assertEquals("HubException: java will not say",
                        Calls.invoke(a, String.class, "askCallerOutcome", "refuse", "q"),
                        transport + ": the handler's error"),
                () -> assertEquals("HubException: Client did not provide a result.",
                        Calls.invoke(a, String.class, "askCallerOutcome", "noResult", "q"),
                        transport + ": a handler without a result (the Java client's own text)"),
                // The Java client binds an invocation's arguments to its handler's parameter types before it looks
                // for a handler, so with none it answers with its binding failure.
                () -> assertEquals("HubException: Client failed to parse argument(s).",
                        Calls.invoke(a, String.class, "askCallerOutcome", "nobodyHome", "q"),
                        transport + ": no handler (the Java client's own text)"));
    }

    private HubConnection connect(TransportEnum transport, String hub, Consumer<HubConnection> handlers) {
        HubConnection connection = HubConnectionBuilder.create(base + hub).withTransport(transport).build();
        handlers.accept(connection);
        return clients.start(connection);
    }

    private static <T> T await(Single<T> single) {
        return single.timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
