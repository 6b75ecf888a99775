package dev.hubs.cdi.config;

import dev.hubs.cdi.OptionalApis;
import dev.hubs.core.HubOptions;
import dev.hubs.core.negotiate.TransportType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the options of each hub. A value is looked up under {@code hubs.<fully.qualified.HubClass>.<option>}, then
 * {@code hubs.<HubClass>.<option>}, then {@code hubs.<option>}; what is not set keeps SignalR's default.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>keep-alive-interval</td><td>15s</td><td>silence after which the server pings a connection</td></tr>
 *   <tr><td>client-timeout</td><td>30s</td><td>silence after which a client (that has pinged) is dropped</td></tr>
 *   <tr><td>handshake-timeout</td><td>15s</td><td>time a client has to complete the handshake</td></tr>
 *   <tr><td>maximum-receive-message-size</td><td>32KB</td><td>largest message a client may send</td></tr>
 *   <tr><td>enable-detailed-errors</td><td>false</td><td>whether exception details reach clients</td></tr>
 *   <tr><td>maximum-parallel-invocations-per-client</td><td>1</td><td>hub invocations of one connection that
 *       may run at once</td></tr>
 *   <tr><td>outbound-queue-capacity</td><td>10000</td><td>messages that may wait for a slow client before it is
 *       disconnected</td></tr>
 *   <tr><td>transports</td><td>WebSockets,ServerSentEvents,LongPolling</td><td>the transports clients may use
 *       (the fallbacks need hubs-servlet-fallback)</td></tr>
 *   <tr><td>poll-timeout</td><td>90s</td><td>how long a long poll is held when there is nothing to send</td></tr>
 *   <tr><td>disconnect-timeout</td><td>15s</td><td>how long a long-polling client may go without polling</td></tr>
 *   <tr><td>stream-buffer-capacity</td><td>10</td><td>items of one stream that may be on their way (results not
 *       yet written to the client, upload items the hub has not asked for)</td></tr>
 *   <tr><td>client-result-timeout</td><td>30s</td><td>how long a client may take to answer a client
 *       result</td></tr>
 *   <tr><td>allowed-origins</td><td>(none)</td><td>browser origins besides the hub's own that may connect, with
 *       CORS answers for them; {@code *} for any</td></tr>
 *   <tr><td>close-on-authentication-expiration</td><td>false</td><td>end a connection when the token that
 *       authenticated it expires</td></tr>
 *   <tr><td>maximum-connections</td><td>0 (no limit)</td><td>connections the hub holds at once; more are refused
 *       with 503</td></tr>
 * </table>
 */
public final class HubsConfig {

    /** The prefix of every key. */
    public static final String PREFIX = "hubs.";

    private final Function<String, Optional<String>> source;

    /**
     * Creates a reader over a source of raw values.
     *
     * @param source gives the value of a key, if set
     */
    public HubsConfig(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /**
     * The reader for this application: MicroProfile Config when the server offers it, otherwise only defaults.
     *
     * @return the reader
     */
    public static HubsConfig forApplication() {
        if (OptionalApis.present(MicroProfileConfig.API_CLASS)) {
            return new HubsConfig(MicroProfileConfig.source());
        }
        return new HubsConfig(key -> Optional.empty());
    }

    /**
     * A raw value, for settings that are not hub options (those of a lifetime manager factory, say).
     *
     * @param key the full key
     * @return the value, or empty when it is not set
     */
    public Optional<String> value(String key) {
        return source.apply(key);
    }

    /**
     * The options of one hub.
     *
     * @param hubClass the hub class
     * @return the options
     * @throws IllegalArgumentException naming every key with a wrong value
     */
    public HubOptions options(Class<?> hubClass) {
        List<String> problems = new ArrayList<>();
        HubOptions d = HubOptions.DEFAULTS;
        Setting<Duration> keepAlive = read(hubClass, "keep-alive-interval", OptionValues::duration,
                d.keepAliveInterval(), problems);
        Setting<Duration> clientTimeout = read(hubClass, "client-timeout", OptionValues::duration,
                d.clientTimeout(), problems);
        Setting<Duration> handshakeTimeout = read(hubClass, "handshake-timeout", OptionValues::duration,
                d.handshakeTimeout(), problems);
        Setting<Integer> maxMessage = read(hubClass, "maximum-receive-message-size", OptionValues::size,
                d.maximumReceiveMessageSize(), problems);
        Setting<Boolean> detailed = read(hubClass, "enable-detailed-errors", OptionValues::bool,
                d.enableDetailedErrors(), problems);
        Setting<Integer> parallel = read(hubClass, "maximum-parallel-invocations-per-client",
                OptionValues::positiveInt, d.maximumParallelInvocationsPerClient(), problems);
        Setting<Integer> queue = read(hubClass, "outbound-queue-capacity", OptionValues::positiveInt,
                d.outboundQueueCapacity(), problems);
        Setting<Set<TransportType>> transports = read(hubClass, "transports", OptionValues::transports,
                d.transports(), problems);
        Setting<Duration> pollTimeout = read(hubClass, "poll-timeout", OptionValues::duration,
                d.pollTimeout(), problems);
        Setting<Duration> disconnectTimeout = read(hubClass, "disconnect-timeout", OptionValues::duration,
                d.disconnectTimeout(), problems);
        Setting<Integer> streamBuffer = read(hubClass, "stream-buffer-capacity", OptionValues::positiveInt,
                d.streamBufferCapacity(), problems);
        Setting<Duration> resultTimeout = read(hubClass, "client-result-timeout", OptionValues::duration,
                d.clientResultTimeout(), problems);
        Setting<List<String>> origins = read(hubClass, "allowed-origins", OptionValues::origins,
                d.allowedOrigins(), problems);
        Setting<Boolean> closeOnExpiry = read(hubClass, "close-on-authentication-expiration", OptionValues::bool,
                d.closeOnAuthenticationExpiration(), problems);
        Setting<Integer> maxConnections = read(hubClass, "maximum-connections", OptionValues::nonNegativeInt,
                d.maximumConnections(), problems);
        for (Setting<Duration> duration : List.of(keepAlive, clientTimeout, handshakeTimeout, pollTimeout,
                disconnectTimeout, resultTimeout)) {
            if (duration.value().isZero()) {
                problems.add("'" + duration.key() + "' must be longer than zero");
            }
        }
        if (keepAlive.value().isZero()) {
            // reported above
        } else if (clientTimeout.value().compareTo(keepAlive.value()) <= 0) {
            problems.add("'" + clientTimeout.key() + "' (" + clientTimeout.value() + ") must be longer than '"
                    + keepAlive.key() + "' (" + keepAlive.value() + "), or every quiet client would be dropped");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Hub " + hubClass.getName() + " has invalid options:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new HubOptions.Builder()
                .keepAliveInterval(keepAlive.value())
                .clientTimeout(clientTimeout.value())
                .handshakeTimeout(handshakeTimeout.value())
                .maximumReceiveMessageSize(maxMessage.value())
                .enableDetailedErrors(detailed.value())
                .outboundQueueCapacity(queue.value())
                .maximumParallelInvocationsPerClient(parallel.value())
                .transports(transports.value())
                .pollTimeout(pollTimeout.value())
                .disconnectTimeout(disconnectTimeout.value())
                .streamBufferCapacity(streamBuffer.value())
                .clientResultTimeout(resultTimeout.value())
                .allowedOrigins(origins.value())
                .closeOnAuthenticationExpiration(closeOnExpiry.value())
                .maximumConnections(maxConnections.value())
                .build();
    }

    /** A value and the key it came from (the global key when it is the default). */
    private record Setting<T>(String key, T value) {
    }

    private <T> Setting<T> read(Class<?> hubClass, String option, Function<String, T> parse, T fallback,
                                List<String> problems) {
        for (String key : List.of(PREFIX + hubClass.getName() + "." + option,
                PREFIX + hubClass.getSimpleName() + "." + option, PREFIX + option)) {
            Optional<String> raw = source.apply(key);
            if (raw.isEmpty()) {
                continue;
            }
            try {
                return new Setting<>(key, parse.apply(raw.get()));
            } catch (IllegalArgumentException e) {
                problems.add("MicroProfile Config key '" + key + "' has the value '" + raw.get() + "': "
                        + e.getMessage());
                return new Setting<>(key, fallback);
            }
        }
        return new Setting<>(PREFIX + option, fallback);
    }
}
