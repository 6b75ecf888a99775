package dev.hubs.it.fallback;

import dev.hubs.ClientProxy;
import dev.hubs.GroupManager;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import dev.hubs.HubException;
import dev.hubs.OnDisconnected;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hub of the fallback-transport tests: the same calls over every transport, the transport's name as the hub
 * sees it, and a record of how each connection ended (in {@link DisconnectLog}), which is how a test observes that
 * the server cleaned up a client that vanished.
 *
 * <p>Every sending method returns the stage of its sends: its invocation completes only once the messages are in
 * the receivers' outbound queues, so a test knows they are queued when the completion arrives.
 */
@Hub("/transport")
public class TransportHub {

    /** What {@link #disconnection} answers while a connection has not ended (the Java client needs a value). */
    public static final String NOT_DISCONNECTED = "none";

    /** The gates of {@link #waitFor} and {@link #open}, shared by the transient hub instances of one deployment. */
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    @Inject
    HubCallerContext context;

    @Inject
    HubCallerClients<ClientProxy> clients;

    @Inject
    GroupManager groups;

    @Inject
    DisconnectLog log;

    /** The transport of the caller, as {@code HubCallerContext} reports it. */
    public String transport() {
        return context.transport();
    }

    public String whoAmI() {
        return context.connectionId();
    }

    public String echo(String message) {
        return message;
    }

    public void fail() {
        throw new HubException("nope");
    }

    public void crash() {
        throw new IllegalStateException("secret detail");
    }

    /** Ends the caller's connection from the server: a Close message without error, then the end. */
    public void abort() {
        context.abort();
    }

    /**
     * Blocks, as a hub method that waits for a slow service does, until {@link #open} is called with the same name
     * (or for at most 10 s), then returns {@code "opened"} (or {@code "not opened"}).
     *
     * @param gate a name shared with the {@code open} call
     * @return whether the gate was opened
     * @throws InterruptedException when the request thread is interrupted
     */
    public String waitFor(String gate) throws InterruptedException {
        return gate(gate).await(10, TimeUnit.SECONDS) ? "opened" : "not opened";
    }

    /**
     * Lets {@link #waitFor} calls with this name return.
     *
     * @param gate the name
     */
    public void open(String gate) {
        gate(gate).countDown();
    }

    private static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, ignored -> new CountDownLatch(1));
    }

    /** {@code receive(message)} to every connection. */
    public CompletionStage<Void> broadcast(String message) {
        return clients.all().send("receive", message);
    }

    /** {@code receive(message)} to every connection but the caller. */
    public CompletionStage<Void> toOthers(String message) {
        return clients.others().send("receive", message);
    }

    /** {@code receive(message)} to the caller. */
    public CompletionStage<Void> toCaller(String message) {
        return clients.caller().send("receive", message);
    }

    /** {@code receive("1")}, {@code receive("2")} ... {@code receive(count)} to one connection, in this order. */
    public CompletionStage<Void> toClientMany(String connectionId, int count) {
        CompletableFuture<?>[] sends = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            sends[i] = clients.client(connectionId).send("receive", Integer.toString(i + 1)).toCompletableFuture();
        }
        return CompletableFuture.allOf(sends);
    }

    /** Adds the caller to a group. */
    public CompletionStage<Void> join(String group) {
        return groups.add(context.connectionId(), group);
    }

    /** {@code receive(message)} to a group. */
    public CompletionStage<Void> sendGroup(String group, String message) {
        return clients.group(group).send("receive", message);
    }

    /**
     * How a connection ended: the simple name of the cause {@code @OnDisconnected} received, {@code "clean"} for none,
     * or {@value #NOT_DISCONNECTED} while it has not ended.
     */
    public String disconnection(String connectionId) {
        return log.cause(connectionId).orElse(NOT_DISCONNECTED);
    }

    @OnDisconnected
    public void disconnected(Throwable cause) {
        log.record(context.connectionId(), cause == null ? "clean" : cause.getClass().getSimpleName());
    }
}
