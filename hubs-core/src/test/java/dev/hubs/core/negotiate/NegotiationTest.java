package dev.hubs.core.negotiate;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.protocol.JsonHubProtocol;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NegotiationTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JsonProvider.provider(), JSONB);
    private static final List<AvailableTransport> ALL = List.of(TransportType.WEB_SOCKETS.available(),
            new AvailableTransport("ServerSentEvents", List.of("Text")),
            new AvailableTransport("LongPolling", List.of("Text", "Binary")));

    private final List<Integer> versions = new ArrayList<>();

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private IntFunction<HubConnectionContext> factory() {
        return version -> {
            versions.add(version);
            return new HubConnectionContext("ID", version >= 1 ? "TOKEN" : "ID", PROTOCOL, 10, c -> { }, e -> { });
        };
    }

    @Test
    void version1ExactBody() {
        Negotiation.Response response = Negotiation.negotiate("1", ALL, factory());
        assertEquals(200, response.status());
        assertEquals("{\"negotiateVersion\":1,\"connectionId\":\"ID\",\"connectionToken\":\"TOKEN\","
                + "\"availableTransports\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
                + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}", response.body());
        assertEquals(List.of(1), versions);
        assertEquals("ID", response.connection().connectionId());
    }

    @Test
    void version0HasNoToken() {
        for (String requested : new String[]{null, "0"}) {
            Negotiation.Response response = Negotiation.negotiate(requested, List.of(TransportType.WEB_SOCKETS.available()),
                    factory());
            assertEquals("{\"negotiateVersion\":0,\"connectionId\":\"ID\",\"availableTransports\":"
                    + "[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]}", response.body());
        }
        assertEquals(List.of(0, 0), versions);
    }

    @Test
    void higherVersionsAreClampedTo1() {
        Negotiation.Response response = Negotiation.negotiate("7", ALL, factory());
        assertEquals(List.of(1), versions);
        assertEquals(true, response.body().startsWith("{\"negotiateVersion\":1,"));
    }

    @Test
    void nonIntegerVersion() {
        for (String requested : new String[]{"abc", "1.5", "99999999999"}) {
            Negotiation.Response response = Negotiation.negotiate(requested, ALL, factory());
            assertEquals(200, response.status());
            assertEquals("{\"error\":\"The client requested a non-integer protocol version.\"}", response.body());
            assertNull(response.connection());
        }
        assertEquals(List.of(), versions, "no connection is created on error");
    }

    /** HttpConnectionDispatcher: a parsed version below MinimumProtocolVersion (0). */
    @Test
    void negativeVersion() {
        Negotiation.Response response = Negotiation.negotiate("-1", ALL, factory());
        assertEquals(200, response.status());
        assertEquals("{\"error\":\"The client requested version '-1', but the server does not support this version.\"}",
                response.body());
        assertNull(response.connection());
        assertEquals(List.of(), versions);
    }

    /** HttpConnectionDispatcher: a present but empty parameter fails int.TryParse. */
    @Test
    void emptyVersionIsNonInteger() {
        Negotiation.Response response = Negotiation.negotiate("", ALL, factory());
        assertEquals("{\"error\":\"The client requested a non-integer protocol version.\"}", response.body());
        assertEquals(List.of(), versions);
    }
}
