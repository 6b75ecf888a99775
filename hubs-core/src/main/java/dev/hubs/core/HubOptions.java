package dev.hubs.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one hub, with SignalR's defaults. The CDI extension reads them from MicroProfile Config (keys
 * {@code hubs.<name>} for all hubs and {@code hubs.<HubClass>.<name>} for one).
 *
 * @param keepAliveInterval                  how long the server stays silent before it sends a Ping (15 s)
 * @param clientTimeout                      how long the server waits for anything from a client before it closes
 *                                           the connection (30 s); counted from the client's first Ping
 * @param handshakeTimeout                   how long a client may take to send its handshake, and a negotiated
 *                                           connection to be opened (15 s)
 * @param maximumReceiveMessageSize          the largest record a client may send, in characters (32 KB)
 * @param enableDetailedErrors               whether exception types and messages reach clients (off)
 * @param outboundQueueCapacity              how many messages may wait for a slow client before it is disconnected
 *                                           (10 000)
 * @param maximumParallelInvocationsPerClient how many hub method invocations of one connection may run at once (1);
 *                                           further invocations wait their turn, in order
 */
public record HubOptions(Duration keepAliveInterval, Duration clientTimeout, Duration handshakeTimeout,
                         int maximumReceiveMessageSize, boolean enableDetailedErrors, int outboundQueueCapacity,
                         int maximumParallelInvocationsPerClient) {

    /** SignalR's defaults. */
    public static final HubOptions DEFAULTS = new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(15), 32 * 1024, false, 10_000, 1);

    /**
     * Checks the values.
     */
    public HubOptions {
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(clientTimeout, "clientTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
            throw new IllegalArgumentException("keepAliveInterval must be positive");
        }
        if (clientTimeout.compareTo(keepAliveInterval) <= 0) {
            throw new IllegalArgumentException("clientTimeout must be longer than keepAliveInterval");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
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
    }

    /**
     * A copy with another keep-alive interval.
     *
     * @param value the interval
     * @return the new options
     */
    public HubOptions withKeepAliveInterval(Duration value) {
        return new HubOptions(value, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with another client timeout.
     *
     * @param value the timeout
     * @return the new options
     */
    public HubOptions withClientTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, value, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with another handshake timeout.
     *
     * @param value the timeout
     * @return the new options
     */
    public HubOptions withHandshakeTimeout(Duration value) {
        return new HubOptions(keepAliveInterval, clientTimeout, value, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with another maximum receive message size.
     *
     * @param value the size in characters
     * @return the new options
     */
    public HubOptions withMaximumReceiveMessageSize(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, value,
                enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with detailed errors on or off.
     *
     * @param value whether exception details reach clients
     * @return the new options
     */
    public HubOptions withEnableDetailedErrors(boolean value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                value, outboundQueueCapacity, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with another outbound queue capacity.
     *
     * @param value how many messages may wait
     * @return the new options
     */
    public HubOptions withOutboundQueueCapacity(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, value, maximumParallelInvocationsPerClient);
    }

    /**
     * A copy with another limit of parallel invocations per client.
     *
     * @param value how many invocations of one connection may run at once
     * @return the new options
     */
    public HubOptions withMaximumParallelInvocationsPerClient(int value) {
        return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize,
                enableDetailedErrors, outboundQueueCapacity, value);
    }
}
