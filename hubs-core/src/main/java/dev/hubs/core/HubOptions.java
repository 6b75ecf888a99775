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
        return toBuilder().keepAliveInterval(value).build();
    }

    /**
     * A copy with another value of {@code clientTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withClientTimeout(Duration value) {
        return toBuilder().clientTimeout(value).build();
    }

    /**
     * A copy with another value of {@code handshakeTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withHandshakeTimeout(Duration value) {
        return toBuilder().handshakeTimeout(value).build();
    }

    /**
     * A copy with another value of {@code maximumReceiveMessageSize}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withMaximumReceiveMessageSize(int value) {
        return toBuilder().maximumReceiveMessageSize(value).build();
    }

    /**
     * A copy with another value of {@code enableDetailedErrors}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withEnableDetailedErrors(boolean value) {
        return toBuilder().enableDetailedErrors(value).build();
    }

    /**
     * A copy with another value of {@code outboundQueueCapacity}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withOutboundQueueCapacity(int value) {
        return toBuilder().outboundQueueCapacity(value).build();
    }

    /**
     * A copy with another value of {@code maximumParallelInvocationsPerClient}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withMaximumParallelInvocationsPerClient(int value) {
        return toBuilder().maximumParallelInvocationsPerClient(value).build();
    }

    /**
     * A copy with another value of {@code transports}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withTransports(Set<TransportType> value) {
        return toBuilder().transports(value).build();
    }

    /**
     * A copy with another value of {@code pollTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withPollTimeout(Duration value) {
        return toBuilder().pollTimeout(value).build();
    }

    /**
     * A copy with another value of {@code disconnectTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withDisconnectTimeout(Duration value) {
        return toBuilder().disconnectTimeout(value).build();
    }

    /**
     * A copy with another value of {@code streamBufferCapacity}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withStreamBufferCapacity(int value) {
        return toBuilder().streamBufferCapacity(value).build();
    }

    /**
     * A copy with another value of {@code clientResultTimeout}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withClientResultTimeout(Duration value) {
        return toBuilder().clientResultTimeout(value).build();
    }

    /**
     * A copy with other allowed origins.
     *
     * @param value the origins
     * @return the new options
     */
    public HubOptions withAllowedOrigins(List<String> value) {
        return toBuilder().allowedOrigins(value).build();
    }

    /**
     * A copy with another value of {@code closeOnAuthenticationExpiration}.
     *
     * @param value the value
     * @return the new options
     */
    public HubOptions withCloseOnAuthenticationExpiration(boolean value) {
        return toBuilder().closeOnAuthenticationExpiration(value).build();
    }

    /**
     * A copy with another value of {@code maximumConnections}.
     *
     * @param value the value, {@code 0} for no limit
     * @return the new options
     */
    public HubOptions withMaximumConnections(int value) {
        return toBuilder().maximumConnections(value).build();
    }

    /**
     * A builder that starts from these options: set what differs, then {@link Builder#build()}.
     *
     * @return a builder holding these options' values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds options one value at a time, from the defaults or from other options; {@link #build()} checks them
     * all at once, so values that depend on each other (the client timeout and the keep-alive interval) can be set in
     * any order.
     */
    public static final class Builder {
        private Duration keepAliveInterval;
        private Duration clientTimeout;
        private Duration handshakeTimeout;
        private int maximumReceiveMessageSize;
        private boolean enableDetailedErrors;
        private int outboundQueueCapacity;
        private int maximumParallelInvocationsPerClient;
        private Set<TransportType> transports;
        private Duration pollTimeout;
        private Duration disconnectTimeout;
        private int streamBufferCapacity;
        private Duration clientResultTimeout;
        private List<String> allowedOrigins;
        private boolean closeOnAuthenticationExpiration;
        private int maximumConnections;

        /** Starts from {@link #DEFAULTS}. */
        public Builder() {
            this(DEFAULTS);
        }

        private Builder(HubOptions options) {
            this.keepAliveInterval = options.keepAliveInterval;
            this.clientTimeout = options.clientTimeout;
            this.handshakeTimeout = options.handshakeTimeout;
            this.maximumReceiveMessageSize = options.maximumReceiveMessageSize;
            this.enableDetailedErrors = options.enableDetailedErrors;
            this.outboundQueueCapacity = options.outboundQueueCapacity;
            this.maximumParallelInvocationsPerClient = options.maximumParallelInvocationsPerClient;
            this.transports = options.transports;
            this.pollTimeout = options.pollTimeout;
            this.disconnectTimeout = options.disconnectTimeout;
            this.streamBufferCapacity = options.streamBufferCapacity;
            this.clientResultTimeout = options.clientResultTimeout;
            this.allowedOrigins = options.allowedOrigins;
            this.closeOnAuthenticationExpiration = options.closeOnAuthenticationExpiration;
            this.maximumConnections = options.maximumConnections;
        }

        /**
         * Sets {@code keepAliveInterval}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder keepAliveInterval(Duration value) {
            this.keepAliveInterval = value;
            return this;
        }

        /**
         * Sets {@code clientTimeout}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder clientTimeout(Duration value) {
            this.clientTimeout = value;
            return this;
        }

        /**
         * Sets {@code handshakeTimeout}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        /**
         * Sets {@code maximumReceiveMessageSize}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder maximumReceiveMessageSize(int value) {
            this.maximumReceiveMessageSize = value;
            return this;
        }

        /**
         * Sets {@code enableDetailedErrors}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder enableDetailedErrors(boolean value) {
            this.enableDetailedErrors = value;
            return this;
        }

        /**
         * Sets {@code outboundQueueCapacity}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder outboundQueueCapacity(int value) {
            this.outboundQueueCapacity = value;
            return this;
        }

        /**
         * Sets {@code maximumParallelInvocationsPerClient}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder maximumParallelInvocationsPerClient(int value) {
            this.maximumParallelInvocationsPerClient = value;
            return this;
        }

        /**
         * Sets {@code transports}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder transports(Set<TransportType> value) {
            this.transports = value;
            return this;
        }

        /**
         * Sets {@code pollTimeout}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder pollTimeout(Duration value) {
            this.pollTimeout = value;
            return this;
        }

        /**
         * Sets {@code disconnectTimeout}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder disconnectTimeout(Duration value) {
            this.disconnectTimeout = value;
            return this;
        }

        /**
         * Sets {@code streamBufferCapacity}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder streamBufferCapacity(int value) {
            this.streamBufferCapacity = value;
            return this;
        }

        /**
         * Sets {@code clientResultTimeout}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder clientResultTimeout(Duration value) {
            this.clientResultTimeout = value;
            return this;
        }

        /**
         * Sets {@code allowedOrigins}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder allowedOrigins(List<String> value) {
            this.allowedOrigins = value;
            return this;
        }

        /**
         * Sets {@code closeOnAuthenticationExpiration}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder closeOnAuthenticationExpiration(boolean value) {
            this.closeOnAuthenticationExpiration = value;
            return this;
        }

        /**
         * Sets {@code maximumConnections}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder maximumConnections(int value) {
            this.maximumConnections = value;
            return this;
        }

        /**
         * Checks the values and makes the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a value is out of range
         */
        public HubOptions build() {
            return new HubOptions(keepAliveInterval, clientTimeout, handshakeTimeout, maximumReceiveMessageSize, enableDetailedErrors, outboundQueueCapacity, maximumParallelInvocationsPerClient, transports, pollTimeout, disconnectTimeout, streamBufferCapacity, clientResultTimeout, allowedOrigins, closeOnAuthenticationExpiration, maximumConnections);
        }
    }
}
