package dev.hubs.core;

import dev.hubs.HubException;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.spi.UserIdProvider;
import dev.hubs.core.security.ConnectionIdentity;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringReader;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive path end to end, without a network: negotiate, attach a fake transport, feed it text, check the exact
 * records written back.
 */
@Timeout(20)
class HubRuntimeTest {

    private static final String RS = RuntimeClient.RS;
    private static final String HANDSHAKE = RuntimeClient.HANDSHAKE;
    private static final String CLOSE_WITH_ERROR =
            "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}";
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final List<AvailableTransport> TRANSPORTS = RuntimeClient.TRANSPORTS;

    /** The hub under test. */
    public static class TestHub {
        public int add(int a, int b) {
            return a + b;
        }

        public void doNothing() {
        }

        public String echo(String s) {
            return s;
        }

        public void fail() {
            throw new HubException("boom");
        }

        public void crash() {
            throw new IllegalStateException("secret");
        }

        public CompletionStage<String> later(String s) {
            return CompletableFuture.completedFuture(s.toUpperCase());
        }

        public CompletionStage<Void> laterFail() {
            return CompletableFuture.failedFuture(new HubException("async boom"));
        }

        public Point move(Point p, int dx) {
            return new Point(p.x() + dx, p.y());
        }
    }

    /** A record argument and result. */
    public record Point(int x, int y) {
    }

    /** Instantiates the hub class reflectively and gives it nothing. */
    static final class ReflectiveActivator implements HubActivator {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public ActivatedHub create(dev.hubs.core.dispatch.HubCaller caller) {
            Object instance;
            try {
                instance = TestHub.class.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            created.incrementAndGet();
            return new ActivatedHub() {
                @Override
                public Object instance() {
                    return instance;
                }

                @Override
                public void release() {
                    released.incrementAndGet();
                }
            };
        }
    }

    private ReflectiveActivator activator;
    private DefaultHubLifetimeManager lifetime;
    private HubRuntime runtime;

    @BeforeEach
    void createRuntime() {
        activator = new ReflectiveActivator();
        lifetime = new DefaultHubLifetimeManager();
        runtime = new HubRuntime("/test", HubMethodTable.of(TestHub.class), activator, lifetime,
                UserIdProvider.principalName(), JSONB, HubOptions.DEFAULTS);
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static JsonObject json(String text) {
        return RuntimeClient.json(text);
    }

    /** A connection negotiated with version 1 and attached to a synchronous fake transport. */
    private final class Client extends RuntimeClient {
        Client(Principal principal) {
            this(principal, RecordingChannel.sync());
        }

        Client(Principal principal, RecordingChannel channel) {
            super(HubRuntimeTest.this.runtime, principal, channel);
        }

        Client() {
            this(null);
        }

        @Override
        Client handshake() {
            super.handshake();
            return this;
        }
    }

    private static long in(Duration duration) {
        return System.nanoTime() + duration.toNanos();
    }

    // ---------------------------------------------------------------- negotiate

    @Test
    void negotiateVersion1() {
        Negotiation.Response response = runtime.negotiate("1", TRANSPORTS, ConnectionIdentity.ANONYMOUS);
        assertEquals(200, response.status());
        JsonObject body = json(response.body());
        assertEquals(List.of("negotiateVersion", "connectionId", "connectionToken", "availableTransports"),
                new ArrayList<>(body.keySet()));
        assertEquals(1, body.getInt("negotiateVersion"));
        String id = body.getString("connectionId");
        String token = body.getString("connectionToken");
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
        assertNotEquals(id, token);
        assertEquals(json("{\"a\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                        + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}").get("a"),
                body.get("availableTransports"));
        HubConnectionContext connection = runtime.find(token);
        assertNotNull(connection);
        assertEquals(id, connection.connectionId());
        assertNull(runtime.find(id), "the public id must not open the connection");
        assertNull(runtime.find(null));
        assertEquals(ConnectionState.NEGOTIATED, connection.state());
    }

    @Test
    void negotiateVersion0() {
        Negotiation.Response response = runtime.negotiate(null, TRANSPORTS, ConnectionIdentity.ANONYMOUS);
        JsonObject body = json(response.body());
        assertEquals(0, body.getInt("negotiateVersion"));
        assertFalse(body.containsKey("connectionToken"));
        String id = body.getString("connectionId");
        assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
        assertNotNull(runtime.find(id), "in version 0 the id is what transports send");
    }

    @Test
    void negotiateNonInteger() {
        Negotiation.Response response = runtime.negotiate("abc", TRANSPORTS, ConnectionIdentity.ANONYMOUS);
        assertEquals(200, response.status());
        assertEquals("{\"error\":\"The client requested a non-integer protocol version.\"}", response.body());
        assertTrue(runtime.connections().isEmpty());
    }

    @Test
    void idsAndTokensAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            JsonObject body = json(runtime.negotiate("1", TRANSPORTS, ConnectionIdentity.ANONYMOUS).body());
            assertTrue(seen.add(body.getString("connectionId")));
            assertTrue(seen.add(body.getString("connectionToken")));
        }
        assertEquals(200, runtime.connections().size());
    }

    @Test
    void userIdComesFromThePrincipal() {
        Client client = new Client(() -> "alice").handshake();
        assertEquals(Optional.of("alice"), client.connection.userId());
        runtime.clients().user("alice").send("hello").toCompletableFuture().join();
        assertEquals(List.of("{\"type\":1,\"target\":\"hello\",\"arguments\":[]}"), client.afterHandshake());
        assertEquals(Optional.empty(), new Client().connection.userId());
    }

    @Test
    void attachOnlyOnce() {
        Client client = new Client();
        assertFalse(runtime.attach(client.connection, RecordingChannel.sync()));
    }

    // ---------------------------------------------------------------- handshake

    @Test
    void handshakeSucceeds() {
        Client client = new Client();
        client.receive(HANDSHAKE);
        assertEquals("{}" + RS, client.channel.text());
        assertEquals(ConnectionState.CONNECTED, client.connection.state());
        assertEquals(1, lifetime.connectionCount());
        assertFalse(client.channel.isClosed());
    }

    @Test
    void handshakeProtocolNameIgnoresCase() {
        Client client = new Client();
        client.receive("{\"protocol\":\"JSON\",\"version\":1}" + RS);
        assertEquals(List.of("{}"), client.records());
    }

    @Test
    void handshakeSplitAcrossFrames() {
        Client client = new Client();
        client.receive("{\"protocol\":\"json\",");
        assertEquals(List.of(), client.channel.writes());
        client.receive("\"version\":1}");
        assertEquals(List.of(), client.channel.writes());
        client.receive(RS);
        assertEquals(List.of("{}"), client.records());
    }

    @Test
    void handshakeAndInvocationInOneFrame() {
        Client client = new Client();
        client.receive(HANDSHAKE + "{\"type\":6}" + RS
                + "{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of("{}", "{\"type\":3,\"invocationId\":\"0\",\"result\":3}"), client.records());
    }

    @Test
    void unknownProtocolIsRefusedAndClosed() {
        Client client = new Client();
        client.receive("{\"protocol\":\"xyz\",\"version\":1}" + RS);
        assertEquals("{\"error\":\"The protocol 'xyz' is not supported.\"}" + RS, client.channel.text());
        assertTrue(client.channel.isClosed());
        assertNull(client.channel.closeError());
        assertNull(runtime.find(client.token));
        assertEquals(0, lifetime.connectionCount());
        client.receive("{\"type\":6}" + RS);
        assertEquals(1, client.channel.writes().size(), "nothing after the refusal");
    }

    @Test
    void unsupportedVersionIsRefused() {
        Client client = new Client();
        client.receive("{\"protocol\":\"json\",\"version\":3}" + RS);
        assertEquals(List.of("{\"error\":\"The server does not support version 3 of the 'json' protocol.\"}"),
                client.records());
        assertTrue(client.channel.isClosed());
    }

    @Test
    void invocationAsFirstMessageIsAHandshakeError() {
        Client client = new Client();
        client.receive("{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS
                + HANDSHAKE);
        assertEquals(List.of("{\"error\":\"An unexpected error occurred during connection handshake.\"}"),
                client.records());
        assertTrue(client.channel.isClosed());
        assertEquals(0, activator.created.get());
    }

    @Test
    void malformedHandshakeIsAHandshakeError() {
        Client client = new Client();
        client.receive("{\"protocol\":" + RS);
        assertEquals(List.of("{\"error\":\"An unexpected error occurred during connection handshake.\"}"),
                client.records());
        assertTrue(client.channel.isClosed());
    }

    /** HubConnectionHandler: a handshake larger than the maximum message size fails with "Handshake was canceled." */
    @Test
    void oversizedHandshakeIsCanceled() {
        Client client = new Client();
        client.receive("{\"protocol\":\"json\",\"version\":1,\"pad\":\"" + "x".repeat(40_000) + "\"}" + RS);
        assertEquals(List.of("{\"error\":\"Handshake was canceled.\"}"), client.records());
        assertTrue(client.channel.isClosed());
    }

    // ---------------------------------------------------------------- invocations

    @Test
    void jsClientInvokeGetsCompletion() {
        Client client = new Client().handshake();
        client.receive("{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}"), client.afterHandshake());
        assertEquals(1, activator.created.get());
        assertEquals(1, activator.released.get());
    }

    @Test
    void javaClientInvokeGetsCompletion() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"hi \\\"you\\\"\"]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi \\\"you\\\"\"}"),
                client.afterHandshake());
    }

    @Test
    void methodNamesMatchIgnoringCase() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"ADD\",\"arguments\":[2,2]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":4}"), client.afterHandshake());
    }

    @Test
    void voidMethodCompletesWithNullResult() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"doNothing\",\"arguments\":[]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":null}"), client.afterHandshake());
    }

    @Test
    void recordArgumentsAndResults() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"move\",\"arguments\":[{\"x\":1,\"y\":2},3]}" + RS);
        List<String> records = client.afterHandshake();
        assertEquals(1, records.size());
        JsonObject completion = json(records.get(0));
        assertEquals(json("{\"x\":4,\"y\":2}"), completion.getJsonObject("result"));
    }

    @Test
    void asynchronousMethods() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"later\",\"arguments\":[\"x\"]}" + RS
                + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"laterFail\",\"arguments\":[]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"result\":\"X\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'laterFail' "
                        + "on the server. HubException: async boom\"}"), client.afterHandshake());
        assertEquals(2, activator.released.get());
    }

    @Test
    void nonBlockingInvocationsGetNoCompletion() {
        Client client = new Client().handshake();
        client.receive("{\"arguments\":[1,2],\"target\":\"add\",\"type\":1}" + RS
                + "{\"type\":1,\"target\":\"fail\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"target\":\"nope\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"target\":\"add\",\"arguments\":[1]}" + RS
                + "{\"type\":1,\"invocationId\":\"\",\"target\":\"add\",\"arguments\":[1,2]}" + RS);
        assertEquals(List.of(), client.afterHandshake());
        assertEquals(3, activator.created.get());
        assertEquals(ConnectionState.CONNECTED, client.connection.state());
    }

    @Test
    void errorTexts() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"fail\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"crash\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"invocationId\":\"3\",\"target\":\"nope\",\"arguments\":[1]}" + RS
                + "{\"type\":1,\"invocationId\":\"4\",\"target\":\"add\",\"arguments\":[1]}" + RS
                + "{\"type\":1,\"invocationId\":\"5\",\"target\":\"add\",\"arguments\":[\"x\",1]}" + RS
                + "{\"arguments\":[1,2],\"invocationId\":\"6\",\"target\":\"add\",\"type\":4}" + RS);
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'fail' on the "
                        + "server. HubException: boom\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking 'crash' on the "
                        + "server.\"}",
                "{\"type\":3,\"invocationId\":\"3\",\"error\":\"Failed to invoke 'nope' due to an error on the server. "
                        + "HubException: Method does not exist.\"}",
                "{\"type\":3,\"invocationId\":\"4\",\"error\":\"Failed to invoke 'add' due to an error on the server.\"}",
                "{\"type\":3,\"invocationId\":\"5\",\"error\":\"Failed to invoke 'add' due to an error on the server.\"}",
                "{\"type\":3,\"invocationId\":\"6\",\"error\":\"The client attempted to invoke the non-streaming 'add' "
                        + "method with a streaming invocation.\"}"),
                client.afterHandshake());
        assertEquals(ConnectionState.CONNECTED, client.connection.state(), "binding failures keep the connection");
        assertFalse(client.channel.isClosed());
    }

    @Test
    void detailedErrors() {
        runtime = new HubRuntime("/test", HubMethodTable.of(TestHub.class), activator, lifetime,
                UserIdProvider.principalName(), JSONB, HubOptions.DEFAULTS.withEnableDetailedErrors(true));
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"crash\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"add\",\"arguments\":[1]}" + RS);
        assertEquals(List.of(
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'crash' on the "
                        + "server. IllegalStateException: secret\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"error\":\"Failed to invoke 'add' due to an error on the server. "
                        + "InvalidArgumentsException: Invocation provides 1 argument(s) but target expects 2.\"}"),
                client.afterHandshake());
    }

    /**
     * ASP.NET Core's JSON parser swaps the client's target for the registered name (binder.GetTarget), so the error
     * text of a binding failure shows the declared name even when the client's case differs.
     */
    @Test
    void bindingFailureTextUsesTheDeclaredName() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"ADD\",\"arguments\":[1]}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"1\",\"error\":\"Failed to invoke 'add' due to an "
                + "error on the server.\"}"), client.afterHandshake());
    }

    @Test
    void severalRecordsInOneFrame() {
        Client client = new Client().handshake();
        client.receive("{\"type\":6}" + RS
                + "{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS
                + "{\"arguments\":[\"b\"],\"invocationId\":\"1\",\"target\":\"echo\",\"type\":1}" + RS
                + "{\"arguments\":[],\"invocationId\":\"2\",\"target\":\"doNothing\",\"type\":1}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}",
                "{\"type\":3,\"invocationId\":\"1\",\"result\":\"b\"}",
                "{\"type\":3,\"invocationId\":\"2\",\"result\":null}"), client.afterHandshake());
    }

    @Test
    void recordSplitAcrossReceives() {
        Client client = new Client().handshake();
        client.receive("{\"arguments\":[1,2],\"invocationId\":\"0\",\"tar");
        assertEquals(List.of(), client.afterHandshake());
        client.receive("get\":\"add\",\"type\":1}" + RS + "{\"arguments\":[\"sp");
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}"), client.afterHandshake());
        client.receive("lit\"],\"invocationId\":\"1\",\"target\":\"echo\",\"type\":1}");
        client.receive(RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}",
                "{\"type\":3,\"invocationId\":\"1\",\"result\":\"split\"}"), client.afterHandshake());
    }

    @Test
    void unknownTypesAndClientCompletionsAreIgnored() {
        Client client = new Client().handshake();
        client.receive("{\"type\":99,\"x\":1}" + RS
                + "{\"type\":3,\"invocationId\":\"42\",\"result\":1}" + RS
                + "{\"invocationId\":\"9\",\"type\":5}" + RS
                + "{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}"), client.afterHandshake());
        assertEquals(ConnectionState.CONNECTED, client.connection.state());
    }

    @Test
    void broadcastReachesConnectedClients() {
        Client first = new Client().handshake();
        Client second = new Client().handshake();
        Client notYet = new Client(); // no handshake: not a receiver
        runtime.clients().all().send("receive", "a", 1).toCompletableFuture().join();
        assertEquals(List.of("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}"), first.afterHandshake());
        assertEquals(List.of("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}"), second.afterHandshake());
        assertEquals(List.of(), notYet.channel.writes());
        runtime.clients().client(first.connectionId).send("only").toCompletableFuture().join();
        assertEquals(2, first.afterHandshake().size());
        assertEquals(1, second.afterHandshake().size());
    }

    // ---------------------------------------------------------------- errors and closes

    @Test
    void malformedRecordClosesWithError() {
        Client client = new Client().handshake();
        client.receive("{\"type\":1," + RS + "{\"type\":6}" + RS);
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake());
        assertTrue(client.channel.isClosed());
        assertNull(runtime.find(client.token));
        assertEquals(0, lifetime.connectionCount());
        assertEquals(ConnectionState.CLOSED, client.connection.state());
        client.receive("{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake(), "nothing is processed after the close");
    }

    @Test
    void protocolErrorsCloseWithError() {
        for (String bad : List.of("{\"target\":\"add\",\"arguments\":[]}", "{\"type\":1,\"arguments\":[]}",
                "{\"type\":1,\"invocationId\":null,\"target\":\"add\",\"arguments\":[]}", "[]", "{\"type\":6}x")) {
            Client client = new Client().handshake();
            client.receive(bad + RS);
            assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake(), bad);
            assertTrue(client.channel.isClosed(), bad);
        }
    }

    /** A transport like long polling: its client learns of the end of its connection by polling for it. */
    private static final class CollectingChannel extends RecordingChannel {
        volatile boolean endCollected;
        volatile long absentSince = -1;

        CollectingChannel() {
            super(Mode.SYNC, "LongPolling");
        }

        @Override
        public boolean clientCollectsEnd() {
            return !endCollected;
        }

        @Override
        public long absentSinceNanos() {
            return absentSince;
        }
    }

    @Test
    void anEndedConnectionIsFoundUntilItsClientHasCollectedTheEnd() {
        CollectingChannel channel = new CollectingChannel();
        Client client = new Client(null, channel).handshake();
        client.receive("{\"type\":1,\"arguments\":[]}" + RS);
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake());
        assertEquals(ConnectionState.CLOSED, client.connection.state());

        assertSame(client.connection, runtime.find(client.token), "the client has yet to poll for the Close");
        runtime.heartbeat(in(Duration.ofSeconds(1)));
        assertSame(client.connection, runtime.find(client.token), "still polling for it");
        assertEquals(0, lifetime.connectionCount(), "ended all the same");

        channel.endCollected = true;
        assertNull(runtime.find(client.token), "forgotten as soon as the client has collected the end");
        assertTrue(runtime.connections().isEmpty());
    }

    @Test
    void anEndedConnectionWhoseClientStaysAwayIsForgottenAfterTheDisconnectTimeout() {
        CollectingChannel channel = new CollectingChannel();
        Client client = new Client(null, channel).handshake();
        channel.absentSince = System.nanoTime();
        client.receive("{\"type\":1,\"arguments\":[]}" + RS);

        runtime.heartbeat(in(Duration.ofSeconds(14)));
        assertSame(client.connection, runtime.find(client.token));
        runtime.heartbeat(in(Duration.ofSeconds(16)));
        assertNull(runtime.find(client.token), "away for longer than the disconnect timeout of 15 s");
    }

    @Test
    void recordAtTheSizeLimitIsAccepted() {
        Client client = new Client().handshake();
        String prefix = "{\"type\":6,\"pad\":\"";
        String suffix = "\"}";
        String record = prefix + "x".repeat(32768 - prefix.length() - suffix.length()) + suffix;
        assertEquals(32768, record.length());
        client.receive(record + RS);
        client.receive("{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of("{\"type\":3,\"invocationId\":\"0\",\"result\":3}"), client.afterHandshake());
    }

    @Test
    void oversizedRecordClosesWithError() {
        Client client = new Client().handshake();
        String prefix = "{\"type\":6,\"pad\":\"";
        String suffix = "\"}";
        client.receive(prefix + "x".repeat(32769 - prefix.length() - suffix.length()) + suffix + RS);
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake());
        assertTrue(client.channel.isClosed());
        assertNull(runtime.find(client.token));
    }

    @Test
    void oversizedRecordWithoutSeparatorClosesWithError() {
        Client client = new Client().handshake();
        client.receive("{\"type\":6,\"pad\":\"" + "x".repeat(20_000));
        assertEquals(List.of(), client.afterHandshake());
        client.receive("x".repeat(20_000));
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake());
        assertTrue(client.channel.isClosed());
    }

    @Test
    void oversizedRecordSpanningFramesClosesWithError() {
        Client client = new Client().handshake();
        client.receive("{\"type\":6,\"pad\":\"" + "x".repeat(20_000));
        client.receive("x".repeat(14_000) + "\"}" + RS);
        assertEquals(List.of(CLOSE_WITH_ERROR), client.afterHandshake());
    }

    @Test
    void clientCloseEndsTheConnectionAndLeavesTheTransportToTheClientForAMoment() {
        Client client = new Client().handshake();
        client.receive("{\"type\":7}" + RS);
        assertEquals(List.of(), client.afterHandshake(), "no Close reply: it would race the client's close frame");
        assertNull(runtime.find(client.token));
        assertEquals(0, lifetime.connectionCount());
        assertFalse(client.channel.isClosed(), "the client closes its transport itself");

        runtime.heartbeat(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        assertFalse(client.channel.isClosed(), "still within the grace period");
        runtime.heartbeat(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
        assertTrue(client.channel.isClosed(), "closed by the server once the grace period is over");
    }

    @Test
    void transportClosedByTheClientAfterItsCloseMessageIsNotClosedAgain() {
        Client client = new Client().handshake();
        client.receive("{\"type\":7,\"allowReconnect\":false}" + RS);
        runtime.transportClosed(client.connection, null);
        runtime.heartbeat(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
        assertFalse(client.channel.isClosed(), "the transport the client closed is left alone");
    }

    @Test
    void javaClientStopEndsTheConnection() {
        Client client = new Client().handshake();
        client.receive("{\"type\":7,\"allowReconnect\":false}" + RS
                + "{\"arguments\":[1,2],\"invocationId\":\"0\",\"target\":\"add\",\"type\":1}" + RS);
        assertEquals(List.of(), client.afterHandshake());
        assertEquals(0, activator.created.get(), "nothing after the Close is dispatched");
        assertEquals(0, lifetime.connectionCount());
    }

    @Test
    void transportClosedForgetsTheConnection() {
        Client client = new Client().handshake();
        runtime.clients().all().send("x").toCompletableFuture().join();
        runtime.transportClosed(client.connection, null);
        assertNull(runtime.find(client.token));
        assertEquals(0, lifetime.connectionCount());
        runtime.clients().all().send("y").toCompletableFuture().join();
        assertEquals(1, client.afterHandshake().size());
    }

    // ---------------------------------------------------------------- time

    @Test
    void heartbeatPingsAnIdleConnectedConnection() {
        Client client = new Client().handshake();
        runtime.heartbeat(in(Duration.ofSeconds(1)));
        assertEquals(List.of(), client.afterHandshake());
        runtime.heartbeat(in(Duration.ofSeconds(16)));
        assertEquals(List.of("{\"type\":6}"), client.afterHandshake());
        assertFalse(client.channel.isClosed());
    }

    @Test
    void heartbeatDoesNotPingBeforeTheHandshake() {
        Client client = new Client();
        runtime.heartbeat(in(Duration.ofSeconds(5)));
        assertEquals(List.of(), client.channel.writes());
    }

    @Test
    void heartbeatClosesASilentConnectionAfterTheClientTimeout() {
        Client client = new Client().handshake();
        client.receive("{\"type\":6}" + RS);
        runtime.heartbeat(in(Duration.ofSeconds(29)));
        assertFalse(client.channel.isClosed());
        runtime.heartbeat(in(Duration.ofSeconds(31)));
        List<String> records = client.afterHandshake();
        assertEquals(CLOSE_WITH_ERROR, records.get(records.size() - 1));
        assertTrue(client.channel.isClosed());
        assertNull(runtime.find(client.token));
        assertEquals(0, lifetime.connectionCount());
    }

    /**
     * ASP.NET Core starts the client timeout only when the client's first Ping arrives (DefaultHubDispatcher:
     * {@code case PingMessage: connection.StartClientTimeout()}). The JS client never pings over LongPolling, so a
     * connection that only did the handshake must not be timed out; it is pinged instead.
     */
    @Test
    void clientTimeoutStartsWithTheFirstPing() {
        Client client = new Client().handshake();
        runtime.heartbeat(in(Duration.ofSeconds(31)));
        assertFalse(client.channel.isClosed());
        assertEquals(ConnectionState.CONNECTED, client.connection.state());
        assertEquals(List.of("{\"type\":6}"), client.afterHandshake());
    }

    @Test
    void negotiatedConnectionNeverOpenedIsRemovedAfterTheHandshakeTimeout() {
        JsonObject body = json(runtime.negotiate("1", TRANSPORTS, ConnectionIdentity.ANONYMOUS).body());
        String token = body.getString("connectionToken");
        runtime.heartbeat(in(Duration.ofSeconds(14)));
        assertNotNull(runtime.find(token));
        runtime.heartbeat(in(Duration.ofSeconds(16)));
        assertNull(runtime.find(token));
        assertTrue(runtime.connections().isEmpty());
    }

    @Test
    void handshakeTimeoutCancelsTheHandshake() {
        Client client = new Client();
        client.receive("{\"protocol\":\"json\""); // never finished
        runtime.heartbeat(in(Duration.ofSeconds(14)));
        assertFalse(client.channel.isClosed());
        runtime.heartbeat(in(Duration.ofSeconds(16)));
        assertEquals(List.of("{\"error\":\"Handshake was canceled.\"}"), client.records());
        assertTrue(client.channel.isClosed());
        assertNull(runtime.find(client.token));
    }

    @Test
    void shutdownClosesEverything() {
        Client client = new Client().handshake();
        runtime.shutdown();
        assertTrue(client.channel.isClosed());
        assertTrue(runtime.connections().isEmpty());
        assertEquals(0, lifetime.connectionCount());
        assertEquals(List.of(), client.afterHandshake(), "no Close message on shutdown");
    }
}
