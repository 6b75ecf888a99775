package dev.hubs.core;

import dev.hubs.core.negotiate.TransportType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The options' builder and copies: a builder starts from the defaults or from given options, keeps every value it is
 * not told to change, and checks the values together when it builds.
 */
class HubOptionsTest {

    @Test
    void aNewBuilderBuildsTheDefaults() {
        assertEquals(HubOptions.DEFAULTS, new HubOptions.Builder().build());
    }

    @Test
    void aBuilderKeepsWhatItIsNotToldToChange() {
        HubOptions options = HubOptions.DEFAULTS.toBuilder()
                .keepAliveInterval(Duration.ofSeconds(5))
                .transports(Set.of(TransportType.WEB_SOCKETS))
                .allowedOrigins(List.of("https://example.org"))
                .maximumConnections(500)
                .build();
        HubOptions again = options.toBuilder().clientResultTimeout(Duration.ofSeconds(3)).build();

        assertEquals(Duration.ofSeconds(5), again.keepAliveInterval());
        assertEquals(Set.of(TransportType.WEB_SOCKETS), again.transports());
        assertEquals(List.of("https://example.org"), again.allowedOrigins());
        assertEquals(500, again.maximumConnections());
        assertEquals(Duration.ofSeconds(3), again.clientResultTimeout());
        assertEquals(HubOptions.DEFAULTS.clientTimeout(), again.clientTimeout());
        assertEquals(HubOptions.DEFAULTS.outboundQueueCapacity(), again.outboundQueueCapacity());
        assertEquals(options.withClientResultTimeout(Duration.ofSeconds(3)), again, "a copy is the same as a build");
    }

    @Test
    void valuesThatDependOnEachOtherMayBeSetInAnyOrder() {
        // Raised one at a time with copies, the keep-alive interval would first overtake the client timeout.
        HubOptions options = new HubOptions.Builder()
                .keepAliveInterval(Duration.ofSeconds(60))
                .clientTimeout(Duration.ofSeconds(120))
                .build();
        assertEquals(Duration.ofSeconds(60), options.keepAliveInterval());
        assertThrows(IllegalArgumentException.class,
                () -> HubOptions.DEFAULTS.withKeepAliveInterval(Duration.ofSeconds(60)));
    }

    @Test
    void buildChecksTheValues() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new HubOptions.Builder().maximumConnections(-1).build());
        assertEquals("maximumConnections must be 0 (no limit) or positive", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HubOptions.Builder().transports(Set.of()).build());
        assertThrows(NullPointerException.class, () -> new HubOptions.Builder().pollTimeout(null).build());
    }
}
