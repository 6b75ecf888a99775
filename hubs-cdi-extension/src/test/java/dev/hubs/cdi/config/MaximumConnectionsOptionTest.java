package dev.hubs.cdi.config;

import dev.hubs.core.HubOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaximumConnectionsOptionTest {

    public static class ChatHub {
    }

    private static HubOptions options(Map<String, String> values) {
        return new HubsConfig(key -> Optional.ofNullable(values.get(key))).options(ChatHub.class);
    }

    @Test
    void noLimitByDefault() {
        assertEquals(0, options(Map.of()).maximumConnections());
    }

    @Test
    void setGloballyAndPerHub() {
        assertEquals(500, options(Map.of("hubs.maximum-connections", "500")).maximumConnections());
        assertEquals(20, options(Map.of("hubs.maximum-connections", "500",
                "hubs.ChatHub.maximum-connections", "20")).maximumConnections());
        assertEquals(0, options(Map.of("hubs.maximum-connections", "500",
                "hubs.ChatHub.maximum-connections", "0")).maximumConnections(), "0 lifts the limit for one hub");
    }

    @Test
    void aWrongValueNamesItsKey() {
        for (String wrong : new String[]{"-1", "many", "1.5"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> options(Map.of("hubs.ChatHub.maximum-connections", wrong)));
            assertTrue(error.getMessage().contains("hubs.ChatHub.maximum-connections")
                    && error.getMessage().contains("expected 0 (no limit) or a positive whole number"),
                    error.getMessage());
        }
    }
}
