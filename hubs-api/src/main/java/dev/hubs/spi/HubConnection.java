package dev.hubs.spi;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A connection as a {@link HubLifetimeManager} sees it: who it is, how to hand it a message, and how to ask it for
 * a result.
 */
public interface HubConnection {

    /**
     * The public connection id.
     *
     * @return the connection id
     */
    String connectionId();

    /**
     * The user of the connection.
     *
     * @return the user id, empty for an anonymous connection
     */
    Optional<String> userId();

    /**
     * Queues an invocation for this connection. Never blocks: a connection whose outbound queue is full applies
     * its overflow policy instead.
     *
     * @param invocation the invocation
     * @return a stage completing when the message is queued, failing when the connection refused it (closed, or
     *         its queue overflowed)
     */
    CompletionStage<Void> send(ClientInvocation invocation);

    /**
     * Sends an invocation the client must answer (a client result) and waits for the answer, up to the hub's
     * client result timeout.
     *
     * @param invocation the invocation
     * @param resultType the type the client's result is converted to ({@code jakarta.json.JsonValue} keeps it as
     *                   JSON, for a backplane that forwards it)
     * @param <T>        the result type
     * @return completes with the client's result; fails with a {@link dev.hubs.HubException} carrying the client's
     *         error, an {@link java.io.IOException} when the connection ends first, or a
     *         {@link java.util.concurrent.TimeoutException}
     */
    default <T> CompletionStage<T> invoke(ClientInvocation invocation, java.lang.reflect.Type resultType) {
        return java.util.concurrent.CompletableFuture.failedStage(new UnsupportedOperationException(
                getClass().getName() + " does not support client results"));
    }
}
