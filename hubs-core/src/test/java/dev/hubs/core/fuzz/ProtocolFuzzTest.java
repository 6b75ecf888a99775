package dev.hubs.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.core.protocol.HandshakeProtocol;
import dev.hubs.core.protocol.HandshakeRequest;
import dev.hubs.core.protocol.HubMessage;
import dev.hubs.core.protocol.HubProtocolException;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.StreamInvocationMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the readers of single client inputs: a hub protocol record, a handshake, the negotiate version. Whatever
 * the bytes, only the protocol's own error may come out.
 *
 * <p>A normal build replays the committed corpus ({@code src/test/resources/dev/hubs/core/fuzz/
 * ProtocolFuzzTestInputs/<method>/}, seeded with the golden records) as regression tests. To fuzz, see
 * {@code docs/hardening.md}: {@code JAZZER_FUZZ=1 ./mvnw -pl hubs-api,hubs-core test -Dtest=ProtocolFuzzTest#parseRecord}.
 */
class ProtocolFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JSON, JSONB);
    private static final HandshakeProtocol HANDSHAKE = new HandshakeProtocol(JSON);
    private static final HubMethodTable METHODS = HubMethodTable.of(FuzzHub.class);
    private static final List<AvailableTransport> TRANSPORTS = List.of(TransportType.WEB_SOCKETS.available());

    @FuzzTest(maxDuration = "24h")
    void parseRecord(byte[] input) {
        String record = new String(input, StandardCharsets.UTF_8);
        HubMessage message;
        try {
            message = PROTOCOL.parse(record, METHODS);
        } catch (HubProtocolException expected) {
            assertNotNull(expected.getMessage(), "a protocol error says what is wrong");
            return;
        }
        if (message instanceof InvocationMessage invocation) {
            assertEquals(METHODS.parameterTypes(invocation.target()).size(), invocation.arguments().length,
                    "a bound invocation has exactly the method's arguments");
        } else if (message instanceof StreamInvocationMessage invocation) {
            assertEquals(METHODS.parameterTypes(invocation.target()).size(), invocation.arguments().length);
        }
        if (message != null && !(message instanceof dev.hubs.core.protocol.InvocationBindingFailureMessage)
                && !(message instanceof dev.hubs.core.protocol.StreamBindingFailureMessage)) {
            // Whatever was read can be written again (the server writes the same kinds of messages).
            String written = PROTOCOL.write(message);
            assertTrue(written.endsWith("\u001e"), written);
        }
    }

    @FuzzTest(maxDuration = "24h")
    void parseHandshake(byte[] input) {
        try {
            HandshakeRequest request = HANDSHAKE.parse(new String(input, StandardCharsets.UTF_8));
            assertNotNull(request.protocol());
        } catch (HubProtocolException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "24h")
    void negotiateVersion(byte[] input) {
        String version = input.length == 0 ? null : new String(input, StandardCharsets.UTF_8);
        Negotiation.Response response = Negotiation.negotiate(version, TRANSPORTS,
                negotiated -> new HubConnectionContext("id", "token", PROTOCOL, 10, c -> { }, e -> { }));
        assertTrue(response.status() == 200 || response.status() == 400,
                "negotiate answers 200 or 400, not " + response.status());
        // The version is echoed in the error text: the body must stay one valid JSON object whatever it holds.
        try (jakarta.json.JsonReader reader = JSON.createReader(new java.io.StringReader(response.body()))) {
            assertNotNull(reader.readObject());
        }
    }
}
