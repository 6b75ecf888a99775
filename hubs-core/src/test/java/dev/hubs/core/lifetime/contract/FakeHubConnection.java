package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link HubConnection} for tests: it records every invocation it is sent, in order, and lets a test wait for
 * them, because a backplane delivers on its own threads some time after the send returned.
 *
 * <p>Reading is done through a cursor: {@link #nextMessage(Duration)} waits for the first message not read yet and
 * moves past it, so a test states what a connection receives one message after the other:
 *
 * <pre>{@code
 * FakeHubConnection alice = new FakeHubConnection("c1", "alice");
 * manager.onConnected(alice);
 * manager.sendUser("alice", hello);
 * assertEquals(hello, alice.nextMessage(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Waiting is done on this object's monitor, woken by each delivery; nothing sleeps. Identity is the object
 * itself ({@code equals} is not overridden), like a real connection. Thread-safe.
 */
public final class FakeHubConnection implements HubConnection {

    private final String connectionId;
    private final Optional<String> userId;
    /** Everything received, in order of arrival; guarded by {@code this}. */
    private final List<ClientInvocation> received = new ArrayList<>();
    /** Index of the first message not read through the cursor yet; guarded by {@code this}. */
    private int cursor;
    /** When set, sends fail with it instead of being recorded. */
    private volatile Throwable refusal;
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * Creates an anonymous connection.
     *
     * @param connectionId the connection id
     */
    public FakeHubConnection(String connectionId) {
        this(connectionId, null);
    }

    /**
     * Creates a connection of a user.
     *
     * @param connectionId the connection id
     * @param userId       the user id, or {@code null} for an anonymous connection
     */
    public FakeHubConnection(String connectionId, String userId) {
        this.connectionId = connectionId;
        this.userId = Optional.ofNullable(userId);
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public Optional<String> userId() {
        return userId;
    }

    /**
     * Records the invocation, or refuses it with a failed stage after {@link #refuseSends()}. Never blocks and
     * never throws, as the {@link HubConnection} contract requires.
     */
    @Override
    public CompletionStage<Void> send(ClientInvocation invocation) {
        Throwable refuse = refusal;
        if (refuse != null) {
            refused.incrementAndGet();
            return CompletableFuture.failedStage(refuse);
        }
        synchronized (this) {
            received.add(invocation);
            notifyAll();
        }
        return CompletableFuture.completedStage(null);
    }

    /**
     * From now on, sends fail (as a closed connection or an overflowing queue would) and are not recorded.
     */
    public void refuseSends() {
        refuseSends(new IllegalStateException("connection " + connectionId + " refuses sends (test)"));
    }

    /**
     * From now on, sends fail with this error and are not recorded.
     *
     * @param error the failure of each send
     */
    public void refuseSends(Throwable error) {
        refusal = error;
    }

    /** From now on, sends are recorded again. */
    public void acceptSends() {
        refusal = null;
    }

    /**
     * How many sends were refused.
     *
     * @return the count of refused sends
     */
    public int refusedCount() {
        return refused.get();
    }

    /**
     * Everything received so far, read or not.
     *
     * @return a copy, in order of arrival
     */
    public synchronized List<ClientInvocation> received() {
        return List.copyOf(received);
    }

    /**
     * How many invocations were received so far.
     *
     * @return the count
     */
    public synchronized int receivedCount() {
        return received.size();
    }

    /**
     * What was received and not read through the cursor yet, without waiting and without moving the cursor.
     *
     * @return a copy, in order of arrival
     */
    public synchronized List<ClientInvocation> unread() {
        return List.copyOf(received.subList(cursor, received.size()));
    }

    /**
     * Waits for the next unread invocation and moves past it.
     *
     * @param timeout how long to wait
     * @return the invocation
     * @throws AssertionError when nothing came within the timeout
     */
    public ClientInvocation nextMessage(Duration timeout) {
        return nextMessages(1, timeout).get(0);
    }

    /**
     * Waits for the next {@code count} unread invocations and moves past them.
     *
     * @param count   how many
     * @param timeout how long to wait for all of them
     * @return the invocations, in order of arrival
     * @throws AssertionError when fewer came within the timeout
     */
    public synchronized List<ClientInvocation> nextMessages(int count, Duration timeout) {
        awaitSize(cursor + count, timeout, count + " more message(s)");
        List<ClientInvocation> next = List.copyOf(received.subList(cursor, cursor + count));
        cursor += count;
        return next;
    }

    /**
     * Waits until {@code marker} arrives and moves past it.
     *
     * @param marker  an invocation equal to the one awaited
     * @param timeout how long to wait
     * @return what was unread before the marker, in order of arrival
     * @throws AssertionError when the marker did not come within the timeout
     */
    public synchronized List<ClientInvocation> readUntil(ClientInvocation marker, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = cursor;
        while (true) {
            for (; scanned < received.size(); scanned++) {
                if (marker.equals(received.get(scanned))) {
                    List<ClientInvocation> before = List.copyOf(received.subList(cursor, scanned));
                    cursor = scanned + 1;
                    return before;
                }
            }
            waitUntil(deadline, "the marker " + marker);
        }
    }

    /**
     * Waits until at least {@code total} invocations were received since the connection was created, read or not.
     *
     * @param total   how many in all
     * @param timeout how long to wait
     * @return everything received, in order of arrival
     * @throws AssertionError when fewer came within the timeout
     */
    public synchronized List<ClientInvocation> awaitReceived(int total, Duration timeout) {
        awaitSize(total, timeout, total + " message(s) in all");
        return List.copyOf(received);
    }

    private void awaitSize(int size, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < size) {
            waitUntil(deadline, what);
        }
    }

    /** Waits on the monitor (held by the caller) until notified or the deadline, failing once it has passed. */
    private void waitUntil(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail("connection " + connectionId + " did not receive " + what + " in time; unread: "
                    + received.subList(cursor, received.size()) + ", all: " + received);
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + what + " on connection " + connectionId, e);
        }
    }

    @Override
    public String toString() {
        return "FakeHubConnection[" + connectionId + userId.map(u -> ", user " + u).orElse("") + "]";
    }
}
