package dev.hubs.core.connection;

import dev.hubs.core.protocol.CloseMessage;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.PingMessage;
import dev.hubs.spi.ClientInvocation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class HubConnectionContextTest {

    private static final String RS = "\u001e";
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JsonProvider.provider(), JSONB);

    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicReference<Throwable> writeFailure = new AtomicReference<>();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private HubConnectionContext connection(int capacity) {
        return new HubConnectionContext("id-1", "token-1", PROTOCOL, capacity, c -> overflows.incrementAndGet(),
                writeFailure::set);
    }

    @Test
    void identityAndStates() {
        HubConnectionContext connection = connection(10);
        assertEquals("id-1", connection.connectionId());
        assertEquals("token-1", connection.connectionToken());
        assertEquals(ConnectionState.NEGOTIATED, connection.state());
        assertEquals(Optional.empty(), connection.userId());
        assertEquals(Optional.empty(), connection.principal());
        assertNull(connection.transportName());
        Principal alice = () -> "alice";
        connection.identify(alice, Optional.of("alice"));
        assertEquals(Optional.of("alice"), connection.userId());
        assertSame(alice, connection.principal().orElseThrow());

        RecordingChannel channel = RecordingChannel.sync();
        assertTrue(connection.attach(channel));
        assertEquals("WebSockets", connection.transportName());
        assertEquals(ConnectionState.HANDSHAKING, connection.state());
        assertFalse(connection.attach(RecordingChannel.sync()), "attached twice");
        assertTrue(connection.handshakeCompleted());
        assertEquals(ConnectionState.CONNECTED, connection.state());
        assertFalse(connection.handshakeCompleted());
        assertTrue(connection.markClosed());
        assertFalse(connection.markClosed(), "only the first markClosed ends the connection");
        assertEquals(ConnectionState.CLOSED, connection.state());
        assertFalse(connection.attach(RecordingChannel.sync()));
    }

    @Test
    void itemsAreOneMapForTheLifeOfTheConnectionWhoeverAsksFirst() throws Exception {
        HubConnectionContext connection = connection(10);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<Object, Object>>> asked = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asked.add(threads.submit(() -> {
                    start.await();
                    return connection.items();
                }));
            }
            start.countDown();
            for (Future<Map<Object, Object>> items : asked) {
                assertSame(connection.items(), items.get());
            }
        } finally {
            threads.shutdownNow();
        }
        connection.items().put("k", "v");
        assertEquals("v", connection.items().get("k"));
    }

    @Test
    void sendsMessagesAndInvocations() {
        HubConnectionContext connection = connection(10);
        RecordingChannel channel = RecordingChannel.sync();
        connection.attach(channel);
        assertTrue(connection.sendRecord("{}" + RS));
        assertTrue(connection.send(CompletionMessage.withResult("1", 42)));
        assertTrue(connection.send(PingMessage.INSTANCE));
        connection.send(new ClientInvocation("receive", "a", 1)).toCompletableFuture().join();
        assertEquals("{}" + RS + "{\"type\":3,\"invocationId\":\"1\",\"result\":42}" + RS + "{\"type\":6}" + RS
                + "{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}" + RS, channel.text());
    }

    @Test
    void invocationIsSerializedOnceAndCachedUnderTheProtocol() {
        ClientInvocation invocation = new ClientInvocation("receive", "a");
        RecordingChannel one = RecordingChannel.sync();
        RecordingChannel two = RecordingChannel.sync();
        HubConnectionContext first = connection(10);
        HubConnectionContext second = connection(10);
        first.attach(one);
        second.attach(two);
        first.send(invocation);
        second.send(invocation);
        assertSame(one.writes().get(0), two.writes().get(0), "the same serialized string is written to both");
        String cached = invocation.serialized(JsonHubProtocol.NAME, i -> {
            throw new AssertionError("serialized again");
        });
        assertSame(one.writes().get(0), cached);
    }

    @Test
    void recordsOfferedBeforeAttachGoFirst() {
        HubConnectionContext connection = connection(10);
        connection.sendRecord("{}" + RS);
        assertEquals(1, connection.queuedRecords());
        RecordingChannel channel = RecordingChannel.sync();
        connection.attach(channel);
        connection.send(PingMessage.INSTANCE);
        assertEquals(List.of("{}", "{\"type\":6}"), channel.records());
        assertEquals(0, connection.queuedRecords());
    }

    @Test
    void closeGracefullyWritesCloseThenClosesAfterTheQueueDrained() throws Exception {
        HubConnectionContext connection = connection(10);
        RecordingChannel channel = RecordingChannel.manual();
        connection.attach(channel);
        connection.send(PingMessage.INSTANCE);
        connection.send(CompletionMessage.withResult("1", null));
        connection.closeGracefully(new CloseMessage("Connection closed with an error.", true));
        assertFalse(channel.isClosed());
        assertTrue(channel.completeNext(1000));
        assertFalse(channel.isClosed());
        assertTrue(channel.completeNext(1000));
        assertTrue(channel.isClosed());
        assertEquals(List.of("{\"type\":6}", "{\"type\":3,\"invocationId\":\"1\",\"result\":null}",
                "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}"),
                channel.records());
        assertNull(channel.closeError());
    }

    @Test
    void closeNowDropsWhatIsQueuedAndClosesWithTheError() throws Exception {
        HubConnectionContext connection = connection(10);
        RecordingChannel channel = RecordingChannel.manual();
        connection.attach(channel);
        connection.send(PingMessage.INSTANCE);
        connection.send(PingMessage.INSTANCE);
        IllegalStateException why = new IllegalStateException("dropped");
        connection.closeNow(why);
        assertTrue(channel.isClosed());
        assertSame(why, channel.closeError());
        assertTrue(channel.completeNext(1000));
        assertEquals(1, channel.writes().size());
        assertFalse(connection.send(PingMessage.INSTANCE));
    }

    @Test
    void overflowIsReported() throws Exception {
        HubConnectionContext connection = connection(2);
        RecordingChannel channel = RecordingChannel.manual();
        connection.attach(channel);
        assertTrue(connection.send(PingMessage.INSTANCE));
        assertTrue(connection.send(PingMessage.INSTANCE));
        assertEquals(0, overflows.get());
        assertFalse(connection.send(PingMessage.INSTANCE));
        assertEquals(1, overflows.get());
        CompletionException refused = assertThrows(CompletionException.class,
                () -> connection.send(new ClientInvocation("x")).toCompletableFuture().join());
        assertTrue(refused.getCause() instanceof IllegalStateException);
        assertEquals(2, overflows.get());
    }

    @Test
    void writeFailureIsReported() throws Exception {
        HubConnectionContext connection = connection(10);
        RecordingChannel channel = RecordingChannel.manual();
        connection.attach(channel);
        connection.send(PingMessage.INSTANCE);
        IOException broken = new IOException("broken");
        assertTrue(channel.failNext(broken, 1000));
        assertSame(broken, writeFailure.get());
    }

    @Test
    void sendAfterClosedIsRefusedWithoutOverflow() {
        HubConnectionContext connection = connection(10);
        connection.attach(RecordingChannel.sync());
        connection.markClosed();
        assertFalse(connection.send(PingMessage.INSTANCE));
        assertTrue(connection.send(new ClientInvocation("x")).toCompletableFuture().isCompletedExceptionally());
        assertEquals(0, overflows.get());
    }

    /**
     * Between closeGracefully (the queue stops accepting) and the moment the owner marks the connection closed, a
     * send from another thread (a broadcast) is refused by the closed queue. That is not an overflow: the overflow
     * handler (which in HubRuntime closes the transport at once, dropping the queued Close message, and logs
     * "outbound queue full" at WARN) must not run.
     */
    @Test
    void sendWhileClosingGracefullyIsNotAnOverflow() throws Exception {
        HubConnectionContext connection = connection(10);
        RecordingChannel channel = RecordingChannel.manual();
        connection.attach(channel);
        connection.send(PingMessage.INSTANCE);
        connection.closeGracefully(CloseMessage.EMPTY);
        assertTrue(connection.send(new ClientInvocation("late")).toCompletableFuture().isCompletedExceptionally(),
                "a send after closeGracefully must be refused");
        assertEquals(0, overflows.get(), "a refused send on a closing connection was reported as an overflow");
    }

    @Test
    void timestamps() {
        HubConnectionContext connection = connection(10);
        long before = System.nanoTime();
        assertEquals(0, connection.attachedNanos());
        assertFalse(connection.clientTimeoutStarted());
        connection.attach(RecordingChannel.sync());
        assertTrue(connection.attachedNanos() - before >= 0);
        assertTrue(connection.lastSentNanos() - before >= 0);
        connection.touchReceived();
        assertFalse(connection.clientTimeoutStarted(), "receiving alone does not start the client timeout");
        assertTrue(connection.lastReceivedNanos() - before >= 0);
        connection.startClientTimeout();
        assertTrue(connection.clientTimeoutStarted());
        assertTrue(connection.createdNanos() - before <= 0);
    }

    @Test
    void onConnectedThatHasNotStartedWhenTheConnectionEndsNeverStarts() {
        HubConnectionContext connection = connection(10);
        assertNull(connection.connectedHandlerToAwait(), "ended first: no @OnDisconnected to run");
        assertFalse(connection.connectedHandlerStarts(java.util.concurrent.CompletableFuture.completedStage(null)),
                "and @OnConnected must not start any more");
    }

    @Test
    void onConnectedThatStartedIsAwaitedByTheEnd() {
        HubConnectionContext connection = connection(10);
        java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
        assertTrue(connection.connectedHandlerStarts(finished));
        assertSame(finished, connection.connectedHandlerToAwait());
        assertSame(finished, connection.connectedHandlerToAwait(), "asked again, same answer");
    }
}
