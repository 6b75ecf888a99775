package dev.hubs.core.connection;

import dev.hubs.HubException;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client results one connection owes the server: invocations sent to the client with an id, waiting for its
 * Completion. Each fails when the client answers with an error, when the connection ends, or when its deadline
 * passes (checked by the hub's heartbeat, so no timer exists per call).
 *
 * <p>Ids are {@code "r1"}, {@code "r2"} ...: the official clients choose plain numbers for the ids of their own
 * upload streams, which are also completed by Completion messages, so the two kinds can never be mistaken for each
 * other.
 */
public final class ClientResults {

    private record Pending(String method, Type type, long deadlineNanos, CompletableFuture<Object> future) {
    }

    private final AtomicLong lastId = new AtomicLong();
    private final HubCounters counters;
    /** Created on first use: most connections are never asked for a result. */
    private volatile Map<String, Pending> pending;
    private volatile boolean closed;

    /** Creates the client results of a connection whose hub does not count them. */
    public ClientResults() {
        this(HubCounters.IGNORED);
    }

    /**
     * Creates the client results of a connection, counted in its hub's counters from registration until settled.
     *
     * @param counters the hub's counters
     */
    public ClientResults(HubCounters counters) {
        this.counters = counters;
    }

    /**
     * Registers an invocation that waits for a result.
     *
     * @param method        the client method, for error texts
     * @param type          the type the result is read as
     * @param deadlineNanos {@link System#nanoTime()} after which it fails with a timeout
     * @param future        completed with the result
     * @return the invocation id to send, or {@code null} when the connection has ended
     */
    public String register(String method, Type type, long deadlineNanos, CompletableFuture<Object> future) {
        String id = "r" + lastId.incrementAndGet();
        Map<String, Pending> map = pendingMap();
        if (closed) {
            return null;
        }
        map.put(id, new Pending(method, type, deadlineNanos, future));
        counters.clientResults(1);
        if (closed && map.remove(id) != null) {
            counters.clientResults(-1);
            return null; // failAll ran meanwhile and may have missed it
        }
        return id;
    }

    private Map<String, Pending> pendingMap() {
        Map<String, Pending> map = pending;
        if (map == null) {
            synchronized (this) {
                map = pending;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    pending = map;
                }
            }
        }
        return map;
    }

    /**
     * The type the result of an invocation is read as.
     *
     * @param invocationId the id
     * @return the type, or {@code null} when no such invocation waits
     */
    public Type type(String invocationId) {
        Map<String, Pending> map = pending;
        Pending p = map == null ? null : map.get(invocationId);
        return p == null ? null : p.type();
    }

    /**
     * Completes a waiting invocation with the client's answer.
     *
     * @param invocationId the id the client answered
     * @param result       the converted result (ignored when {@code error} is set)
     * @param error        the client's error text, or {@code null}
     * @return {@code false} when no such invocation waits (the answer is then ignored)
     */
    public boolean complete(String invocationId, Object result, String error) {
        Map<String, Pending> map = pending;
        Pending p = map == null ? null : map.remove(invocationId);
        if (p == null) {
            return false;
        }
        counters.clientResults(-1);
        if (error != null) {
            p.future().completeExceptionally(new HubException(error));
        } else {
            p.future().complete(result);
        }
        return true;
    }

    /**
     * Forgets an invocation that could not be sent.
     *
     * @param invocationId the id
     */
    public void forget(String invocationId) {
        Map<String, Pending> map = pending;
        if (map != null && map.remove(invocationId) != null) {
            counters.clientResults(-1);
        }
    }

    /**
     * Fails the invocations whose deadline has passed.
     *
     * @param now          {@link System#nanoTime()}
     * @param connectionId the connection, for the error text
     */
    public void expire(long now, String connectionId) {
        Map<String, Pending> map = pending;
        if (map == null || map.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Pending> entry : map.entrySet()) {
            Pending p = entry.getValue();
            if (now - p.deadlineNanos() >= 0 && map.remove(entry.getKey(), p)) {
                counters.clientResults(-1);
                p.future().completeExceptionally(new TimeoutException("Client '" + connectionId
                        + "' did not answer '" + p.method() + "' within the client result timeout"));
            }
        }
    }

    /**
     * Fails every waiting invocation: the connection ended.
     *
     * @param error the failure each one gets
     */
    public void failAll(Throwable error) {
        closed = true;
        Map<String, Pending> map = pending;
        if (map == null) {
            return;
        }
        for (String id : map.keySet()) {
            Pending p = map.remove(id);
            if (p != null) {
                counters.clientResults(-1);
                p.future().completeExceptionally(error);
            }
        }
    }

    /**
     * How many invocations wait for an answer.
     *
     * @return the count
     */
    public int size() {
        Map<String, Pending> map = pending;
        return map == null ? 0 : map.size();
    }
}
