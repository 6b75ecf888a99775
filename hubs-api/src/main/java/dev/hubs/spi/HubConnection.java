package dev.hubs.spi;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A connection as a {@link HubLifetimeManager} sees it: who it is and how to hand it a message.
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
}
