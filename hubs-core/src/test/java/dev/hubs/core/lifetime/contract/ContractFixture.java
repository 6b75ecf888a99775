package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the tests of the contract stand on: the managers of the current test (given by
 * {@link HubLifetimeManagerContract}) and the helpers that connect, send and check without ever sleeping. A subclass
 * of the contract inherits all of it for its own tests.
 */
public interface ContractFixture {

    /** How long any one expected event (a stage completing, a message arriving) may take. */
    Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * The manager under test.
     *
     * @return the manager of the current test
     */
    HubLifetimeManager manager();

    /**
     * A second server of the cluster of {@link #manager()}; skips the calling test when there is none.
     *
     * @return the peer of the current test
     * @throws Exception when it cannot be created
     */
    HubLifetimeManager peer() throws Exception;

    /**
     * A new invocation, distinct from every other one of the test. Its only argument is a string, which every
     * backplane can carry unchanged.
     *
     * @param method the client method
     * @return the invocation
     */
    ClientInvocation message(String method);

    /**
     * Connects a new fake connection to the manager under test.
     *
     * @param connectionId the connection id
     * @param userId       the user, or {@code null} for an anonymous connection
     * @return the connected connection
     */
    default FakeHubConnection connect(String connectionId, String userId) {
        return connect(manager(), connectionId, userId);
    }

    /**
     * Connects a new fake connection to a server.
     *
     * @param server       the manager that owns the connection
     * @param connectionId the connection id
     * @param userId       the user, or {@code null} for an anonymous connection
     * @return the connected connection
     */
    default FakeHubConnection connect(HubLifetimeManager server, String connectionId, String userId) {
        FakeHubConnection connection = new FakeHubConnection(connectionId, userId);
        complete(server.onConnected(connection));
        return connection;
    }

    /**
     * Adds a connection to groups through the manager under test and waits until that is in effect.
     *
     * @param connection the connection
     * @param groups     the groups
     */
    default void join(FakeHubConnection connection, String... groups) {
        for (String group : groups) {
            complete(manager().addToGroup(connection.connectionId(), group));
        }
    }

    /**
     * Waits for a stage and checks it completed normally.
     *
     * @param stage the stage
     */
    default void complete(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            fail("the stage failed, it must complete normally", e.getCause());
        } catch (TimeoutException e) {
            fail("the stage did not complete within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    /**
     * Waits for a stage to complete, normally or not.
     *
     * @param stage the stage
     */
    default void settle(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().handle((ok, error) -> null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            fail("the stage did not complete within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted", e);
        }
    }

    /**
     * Checks the next message a connection receives, waiting for it.
     *
     * @param connection the connection
     * @param expected   the message
     */
    default void assertNext(FakeHubConnection connection, ClientInvocation expected) {
        assertEquals(expected, connection.nextMessage(TIMEOUT), connection + " must receive " + expected + " next");
    }

    /**
     * Checks that connections of the manager under test received nothing they have not read: see
     * {@link #assertNothingMore(HubLifetimeManager, FakeHubConnection...)}.
     *
     * @param connections connected connections
     */
    default void assertNothingMore(FakeHubConnection... connections) {
        assertNothingMore(manager(), connections);
    }

    /**
     * Checks that connections received nothing they have not read: sends each one a marker from {@code sender},
     * the server that sent the messages in question, and checks the marker is the next message.
     *
     * @param sender      the manager the earlier messages were sent through
     * @param connections connected connections
     */
    default void assertNothingMore(HubLifetimeManager sender, FakeHubConnection... connections) {
        for (FakeHubConnection connection : connections) {
            ClientInvocation marker = message("marker");
            complete(sender.sendConnection(connection.connectionId(), marker));
            ClientInvocation next = connection.nextMessage(TIMEOUT);
            assertEquals(marker, next, connection + " received a message it must not have (or received it twice)");
        }
    }

    /**
     * Checks that connections (typically disconnected ones) never received a message; call it once a witness
     * connection of the same server has received that message.
     *
     * @param message     the message
     * @param connections the connections
     */
    default void assertNeverReceived(ClientInvocation message, FakeHubConnection... connections) {
        for (FakeHubConnection connection : connections) {
            assertFalse(connection.received().contains(message), connection + " must not receive " + message);
        }
    }

    /** The share of one of the threads of {@link #runConcurrently}, given the thread's index. */
    @FunctionalInterface
    interface ThreadTask {
        /**
         * Runs the thread's share.
         *
         * @param thread the thread index, from 0
         * @throws Exception any failure, reported by the test
         */
        void run(int thread) throws Exception;
    }

    /**
     * Runs a task on several threads released together, and waits for all of them; a failure in any fails the test.
     *
     * @param threads how many threads
     * @param task    what each runs
     * @throws Exception the first failure
     */
    default void runConcurrently(int threads, ThreadTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    task.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                try {
                    future.get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
