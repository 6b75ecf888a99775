package dev.hubs.core;

import dev.hubs.core.negotiate.TransportType;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one hub, with SignalR's defaults. The CDI extension reads them from MicroProfile Config (keys
 * {@code hubs.<option>} for all hubs and {@code hubs.<HubClass>.<option>} for one).
 *
 * @param keepAliveInterval                    how long the server stays silent before it sends a Ping (15 s)
 * @param clientTimeout                        how long the server waits for anything from a client before it closes the connection (30 s); counted from the client's first Ping
 * @param handshakeTimeout                     how long a client may take to send its handshake, and a negotiated connection to be opened (15 s)
 * @param maximumReceiveMessageSize            the largest record a client may send, in characters (32 KB)
 * @param enableDetailedErrors                 whether exception types and messages reach clients (off)
 * @param outboundQueueCapacity                how many messages may wait for a slow client before it is disconnected (10 000)
 * @param maximumParallelInvocationsPerClient  how many hub method invocations of one connection may run at once (1); further invocations wait their turn, in order
 * @param transports                           the transports clients may use (all three)
 * @param pollTimeout                          how long a long poll is held open when there is nothing to send (90 s)
 * @param disconnectTimeout                    how long a long-polling client may go without polling before it is disconnected (15 s)
 * @param streamBufferCapacity                 how many items of one stream may be on their way: results not yet written to the client, upload items the hub has not asked for yet (10)
 * @param clientResultTimeout                  how long a client may take to answer a client result (30 s)
 * @param allowedOrigins                       the browser origins, besides the hub's own, that may connect
 *                                             ({@code scheme://host[:port]}, or {@code *} for any); empty: the hub's
 *                                             own origin only
 * @param closeOnAuthenticationExpiration      whether a connection ends when the token that authenticated it
 *                                             expires (off, as in SignalR)
 * @param maximumConnections                   how many connections the hub holds at once, counted from negotiation
 *                                             (or a WebSocket opened without it) until the connection ends; more
 *                                             are refused with 503. {@code 0}: no limit (the default)
 */
public record HubOptions(Duration keepAliveInterval,
                         Duration clientTimeout,
                         Duration handshakeTimeout,
                         int maximumReceiveMessageSize,
                         boolean enableDetailedErrors,
                         int outboundQueueCapacity,
                         int maximumParallelInvocationsPerClient,
                         Set<TransportType> transports,
                         Duration pollTimeout,
                         Duration disconnectTimeout,
                         int streamBufferCapacity,
                         Duration clientResultTimeout,
                         List<String> allowedOrigins,
                         boolean closeOnAuthenticationExpiration,
                         int maximumConnections) {

    /** SignalR's defaults. */
    public static final HubOptions DEFAULTS = new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(15), 32 * 1024, false, 10_000, 1, EnumSet.allOf(TransportType.class),
            Duration.ofSeconds(90), Duration.ofSeconds(15), 10, Duration.ofSeconds(30),
            List.of(), false, 0);

    /**
     * Checks the values.
     */
    public HubOptions {
        requirePositive(keepAliveInterval, "keepAliveInterval");
        requirePositive(clientTimeout, "clientTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(pollTimeout, "pollTimeout");
        requirePositive(disconnectTimeout, "disconnectTimeout");
        requirePositive(clientResultTimeout, "clientResultTimeout");
        if (streamBufferCapacity <= 0) {
            throw new IllegalArgumentException("streamBufferCapacity must be positive");
        }
        if (clientTimeout.compareTo(keepAliveInterval) <= 0) {
            throw new IllegalArgumentException("clientTimeout must be longer than keepAliveInterval");
        }
        if (maximumReceiveMessageSize <= 0) {
            throw new IllegalArgumentException("maximumReceiveMessageSize must be positive");
        }
        if (outboundQueueCapacity <= 0) {
            throw new IllegalArgumentException("outboundQueueCapacity must be positive");
        }
        if (maximumParallelInvocationsPerClient <= 0) {
            throw new IllegalArgumentException("maximumParallelInvocationsPerClient must be positive");
        }
        if (maximumConnections < 0) {
            throw new IllegalArgumentException("maximumConnections must be 0 (no limit) or positive");
        }
        Objects.requireNonNull(transports, "transports");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports must name at least one transport");
        }
        transports = Set.copyOf(transports);
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * A copy with another value of {@code keepAliveInterval}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withKeepAliveInterval(Duration value) {
        return new HubOptions(value, clientTimeout, handshakeTimeout, maximumReceiveMessageSize, enableDetailedErrors,
                outboundQueueCapacity, maximumParallelInvocationsPerClient, transports, pollTimeout,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code clientTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withClientTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, value, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code handshakeTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withHandshakeTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, clientTimeout, value, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code maximumReceiveMessageSize}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withMaximumReceiveMessageSize(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, value, enableDetailedErrors,
                outboundQueueCapacity, maximumParallelInvocationsPerClient, transports, pollTimeout,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code enableDetailedErrors}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withEnableDetailedErrors(boolean value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize, value,
                outboundQueueCapacity, maximumParallelInvocationsPerClient, transports, pollTimeout,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code outboundQueueCapacity}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withOutboundQueueCapacity(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, value, maximumParallelInvocationsPerClient, transports, pollTimeout,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code maximumParallelInvocationsPerClient}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withMaximumParallelInvocationsPerClient(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, value, transports, pollTimeout, disconnectTimeout,
                streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code transports}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withTransports(Set<TransportType> value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, value, pollTimeout,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code pollTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withPollTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports, value,
                disconnectTimeout, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code disconnectTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withDisconnectTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, value, streamBufferCapacity, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code streamBufferCapacity}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withStreamBufferCapacity(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, value, clientResultTimeout,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code clientResultTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withClientResultTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, value,
                allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with other allowed origins.
     *
     * @param value the origins
     * @return the new options
     */
    public HubOptions withAllowedOrigins(List<String> value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout, value,
                closeOnAuthenticationExpiration, maximumConnections);
    }

    /**
     * A copy with another value of {@code closeOnAuthenticationExpiration}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withCloseOnAuthenticationExpiration(boolean value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout, allowedOrigins, value,
                maximumConnections);
    }

    /**
     * A copy with another value of {@code maximumConnections}.
     *
     * @param value the value, {@code 0} for no limit
     * @return the new options
     */
    public HubOptions withMaximumConnections(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports,
                pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout, allowedOrigins,
                closeOnAuthenticationExpiration, value);
    }
}
