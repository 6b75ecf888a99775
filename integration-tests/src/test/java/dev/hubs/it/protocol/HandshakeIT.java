package dev.hubs.it.protocol;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub protocol's handshake: the first record on a new WebSocket (HubProtocol.md, "Overview"). */
@ExtendWith(ArquillianExtension.class)
class HandshakeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(HandshakeIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private RawHub hub;
    private RawConnection connection;

    @BeforeEach
    void open() {
        hub = new RawHub(base, "echo");
        connection = hub.open(hub.negotiateV1().getString("connectionToken"));
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void jsonHandshakeIsAnsweredWithAnEmptyObject() {
        connection.send(RawHub.JSON_HANDSHAKE);

        String reply = connection.nextWebSocketMessage();
        assertTrue(reply.startsWith("{}" + RS), "handshake reply: " + reply.replace(RS, '|'));
        assertEquals("{}", connection.nextRecord());
    }

    @Test
    void protocolNameIgnoresCase() {
        connection.send("{\"protocol\":\"JSON\",\"version\":1}" + RS);

        assertEquals("{}", connection.nextRecord());
    }

    @Test
    void unknownProtocolIsRefusedAndTheSocketClosed() {
        connection.send("{\"protocol\":\"xyz\",\"version\":1}" + RS);

        assertHandshakeError("The protocol 'xyz' is not supported.");
    }

    @Test
    void unsupportedVersionIsRefusedAndTheSocketClosed() {
        connection.send("{\"protocol\":\"json\",\"version\":3}" + RS);

        assertHandshakeError("The server does not support version 3 of the 'json' protocol.");
    }

    @Test
    void malformedHandshakeIsRefusedAndTheSocketClosed() {
        connection.send("not json" + RS);

        assertHandshakeError("An unexpected error occurred during connection handshake.");
    }

    @Test
    void invocationInsteadOfHandshakeIsRefused() {
        connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);

        assertHandshakeError("An unexpected error occurred during connection handshake.");
    }

    /** The reply is {"error": text}, then the server closes the WebSocket normally; no hub message follows. */
    private void assertHandshakeError(String expectedError) {
        JsonObject expected = Json.createObjectBuilder().add("error", expectedError).build();
        assertEquals(expected, RawHub.parse(connection.nextRecord()));

        RawConnection.Closed closed = connection.awaitClosed();
        assertTrue(closed.byCloseFrame(), "the socket was dropped instead of closed: " + closed);
        assertEquals(1000, closed.statusCode(), closed.toString());
        assertFalse(connection.hasUnreadRecords(), "a message followed the handshake error");
    }
}
