package dev.hubs.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backplane is off without a URI, and a wrong value fails the deployment with a message naming its key. */
class RedisBackplaneOptionsTest {

    private static Optional<RedisBackplaneOptions> read(Map<String, String> config) {
        return RedisBackplaneOptions.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void withoutAUriThereIsNoBackplane() {
        assertTrue(read(Map.of()).isEmpty());
        assertTrue(read(Map.of("hubs.redis.uri", " ")).isEmpty());
    }

    @Test
    void defaultsAndValues() {
        RedisBackplaneOptions defaults = read(Map.of("hubs.redis.uri", "redis://10.0.0.5:6380")).orElseThrow();
        assertEquals("hubs", defaults.channelPrefix());
        assertEquals(Duration.ofSeconds(5), defaults.groupAckTimeout());
        assertEquals("10.0.0.5:6380", defaults.where());
        RedisBackplaneOptions set = read(Map.of("hubs.redis.uri", "redis://:secret@localhost:6379/2",
                "hubs.redis.channel-prefix", "chat-app", "hubs.redis.group-ack-timeout", "750ms")).orElseThrow();
        assertEquals("chat-app", set.channelPrefix());
        assertEquals(Duration.ofMillis(750), set.groupAckTimeout());
        assertEquals("localhost:6379", set.where(), "the password never shows");
        assertEquals(Duration.ofSeconds(2), read(Map.of("hubs.redis.uri", "redis://h",
                "hubs.redis.group-ack-timeout", "PT2S")).orElseThrow().groupAckTimeout());
    }

    @Test
    void wrongValuesNameTheirKey() {
        for (Map<String, String> config : new Map[] {
                Map.of("hubs.redis.uri", "http://nope"),
                Map.of("hubs.redis.uri", "redis://h", "hubs.redis.channel-prefix", "a b"),
                Map.of("hubs.redis.uri", "redis://h", "hubs.redis.group-ack-timeout", "soon"),
                Map.of("hubs.redis.uri", "redis://h", "hubs.redis.group-ack-timeout", "0s")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(config));
            String key = config.keySet().stream().filter(k -> !k.equals("hubs.redis.uri")).findFirst()
                    .orElse("hubs.redis.uri");
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
    }
}
