package dev.hubs.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one hub, with SignalR's defaults.
 *
 * @param keepAliveInterval         how long the server stays silent before it sends a Ping (15 s)
 * @param clientTimeout             how long the server waits for anything from a client before it closes the
 *                                  connection (30 s); counted from the client's first message
 * @param handshakeTimeout          how long a client may take to send its handshake, and a negotiated
 *                                  connection to be opened (15 s)
 * @param maximumReceiveMessageSize the largest record a client may send, in characters (32 KB)
 * @param enableDetailedErrors      whether exception types and messages reach clients (off)
 * @param outboundQueueCapacity     how many messages may wait for a slow client before it is disconnected
 */
public record HubOptions(Duration keepAliveInterval, Duration clientTimeout, Duration handshakeTimeout,
                         int maximumReceiveMessageSize, boolean enableDetailedErrors, int outboundQueueCapacity) {

    /** SignalR's defaults. */
    public static final HubOptions DEFAULTS = new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(15), 32 * 1024, false, 10_000);

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
    }
}
