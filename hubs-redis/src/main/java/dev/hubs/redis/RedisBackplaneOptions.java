package dev.hubs.redis;

import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the Redis backplane, read from the application's configuration (MicroProfile Config).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code hubs.redis.uri}</td><td>(none: no backplane)</td><td>the Redis server, for example
 *       {@code redis://redis.internal:6379} or {@code rediss://:password@host:6380/0}</td></tr>
 *   <tr><td>{@code hubs.redis.channel-prefix}</td><td>{@code hubs}</td><td>the start of every channel name: the
 *       servers of one application share it, and other applications on the same Redis use their own</td></tr>
 *   <tr><td>{@code hubs.redis.group-ack-timeout}</td><td>{@code 5s}</td><td>how long a group change for a
 *       connection on another server waits for that server's acknowledgement before its stage fails</td></tr>
 * </table>
 *
 * @param uri            the Redis server
 * @param channelPrefix  the start of every channel name
 * @param groupAckTimeout how long a remote group change waits for its acknowledgement
 */
public record RedisBackplaneOptions(RedisURI uri, String channelPrefix, Duration groupAckTimeout) {

    /** The key that switches the backplane on. */
    public static final String URI = "hubs.redis.uri";
    /** The key of the channel prefix. */
    public static final String CHANNEL_PREFIX = "hubs.redis.channel-prefix";
    /** The key of the acknowledgement timeout of remote group changes. */
    public static final String GROUP_ACK_TIMEOUT = "hubs.redis.group-ack-timeout";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    /**
     * Reads the settings.
     *
     * @param config gives the value of a key, if set
     * @return the settings, or empty when {@value #URI} is not set
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static Optional<RedisBackplaneOptions> from(Function<String, Optional<String>> config) {
        Optional<String> uri = config.apply(URI).map(String::trim).filter(value -> !value.isEmpty());
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        RedisURI redis;
        try {
            redis = RedisURI.create(uri.get());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("MicroProfile Config key '" + URI + "' has the value '" + uri.get()
                    + "': not a Redis URI (" + e.getMessage() + ")", e);
        }
        String prefix = config.apply(CHANNEL_PREFIX).map(String::trim).orElse("hubs");
        if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("MicroProfile Config key '" + CHANNEL_PREFIX + "' has the value '"
                    + prefix + "': it must be a non-empty name without spaces");
        }
        Duration timeout = config.apply(GROUP_ACK_TIMEOUT).map(raw -> duration(GROUP_ACK_TIMEOUT, raw))
                .orElse(Duration.ofSeconds(5));
        return Optional.of(new RedisBackplaneOptions(redis, prefix, timeout));
    }

    private static Duration duration(String key, String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(value);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } else {
            try {
                duration = Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("MicroProfile Config key '" + key + "' has the value '" + raw
                        + "': write a duration such as 5s, 500ms, 1m or PT5S", e);
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("MicroProfile Config key '" + key + "' has the value '" + raw
                    + "': it must be longer than zero");
        }
        return duration;
    }

    /**
     * Where Redis is, for messages: host and port, never the password.
     *
     * @return for example {@code 127.0.0.1:6379}
     */
    public String where() {
        return uri.getHost() + ":" + uri.getPort();
    }
}
