package dev.hubs.cdi.config;

import dev.hubs.core.HubOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginsOptionTest {

    public static class ChatHub {
    }

    private static HubOptions options(Map<String, String> values) {
        return new HubsConfig(key -> Optional.ofNullable(values.get(key))).options(ChatHub.class);
    }

    @Test
    void originsAreListedLowerCased() {
        assertEquals(List.of("https://chat.example.com", "http://localhost:8080"),
                OptionValues.origins(" https://Chat.Example.com , http://localhost:8080,"));
        assertEquals(List.of("*"), OptionValues.origins("*"));
        assertEquals(List.of(), OptionValues.origins(""));
    }

    @Test
    void somethingElseThanAnOriginIsRejected() {
        for (String wrong : List.of("chat.example.com", "https://chat.example.com/", "https://chat.example.com/app",
                "https://a.com:99999x", "*,https://a.com")) {
            assertThrows(IllegalArgumentException.class, () -> OptionValues.origins(wrong), wrong);
        }
    }

    @Test
    void theDefaultsAreSameOriginAndNoClosingOnExpiry() {
        HubOptions defaults = options(Map.of());
        assertEquals(List.of(), defaults.allowedOrigins());
        assertFalse(defaults.closeOnAuthenticationExpiration());
    }

    @Test
    void perHubKeysWinAndWrongValuesNameTheirKey() {
        HubOptions options = options(Map.of("hubs.allowed-origins", "https://a.example.com",
                "hubs.ChatHub.allowed-origins", "https://b.example.com",
                "hubs.close-on-authentication-expiration", "true"));
        assertEquals(List.of("https://b.example.com"), options.allowedOrigins());
        assertTrue(options.closeOnAuthenticationExpiration());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> options(Map.of("hubs.ChatHub.allowed-origins", "example.com")));
        assertTrue(error.getMessage().contains("hubs.ChatHub.allowed-origins"), error.getMessage());
    }
}
