package dev.hubs.core;

import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.core.security.ConnectionIdentity;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.security.Principal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client of a {@link HubRuntime} without a network: negotiated with version 1, attached to a fake transport, fed
 * text by the test, its written records read back.
 */
class RuntimeClient {

    static final String RS = "\u001e";
    static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;
    static final List<AvailableTransport> TRANSPORTS = List.of(TransportType.WEB_SOCKETS.available(),
            new AvailableTransport("LongPolling", List.of("Text", "Binary")));
    private static final JsonProvider JSON = JsonProvider.provider();

    final HubRuntime runtime;
    final String connectionId;
    final String token;
    final HubConnectionContext connection;
    final RecordingChannel channel;

    RuntimeClient(HubRuntime runtime, Principal principal, RecordingChannel channel) {
        this(runtime, ConnectionIdentity.of(principal), channel);
    }

    RuntimeClient(HubRuntime runtime, ConnectionIdentity identity, RecordingChannel channel) {
        this.runtime = runtime;
        Negotiation.Response response = runtime.negotiate("1", TRANSPORTS, identity);
        JsonObject body = json(response.body());
        connectionId = body.getString("connectionId");
        token = body.getString("connectionToken");
        connection = runtime.find(token);
        assertNotNull(connection);
        assertSame(response.connection(), connection);
        this.channel = channel;
        assertTrue(runtime.attach(connection, channel));
    }

    RuntimeClient(HubRuntime runtime, Principal principal) {
        this(runtime, principal, RecordingChannel.sync());
    }

    static JsonObject json(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    void receive(String text) {
        runtime.receive(connection, text);
    }

    List<String> records() {
        return channel.records();
    }

    RuntimeClient handshake() {
        receive(HANDSHAKE);
        assertEquals(List.of("{}"), records());
        assertEquals(ConnectionState.CONNECTED, connection.state());
        return this;
    }

    /** Records written after the handshake response. */
    List<String> afterHandshake() {
        List<String> all = records();
        assertEquals("{}", all.get(0));
        return all.subList(1, all.size());
    }
}
