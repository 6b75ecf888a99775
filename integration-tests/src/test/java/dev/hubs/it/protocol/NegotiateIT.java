package dev.hubs.it.protocol;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The negotiate endpoint and which ids open a WebSocket (TransportProtocols.md). */
@ExtendWith(ArquillianExtension.class)
class NegotiateIT {

    /** 16 random bytes in base64url without padding, as ASP.NET Core makes connection ids and tokens. */
    private static final String ID_PATTERN = "[A-Za-z0-9_-]{22,}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(NegotiateIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private RawHub hub;
    private final List<RawConnection> opened = new ArrayList<>();

    @BeforeEach
    void hub() {
        hub = new RawHub(base, "echo");
    }

    @AfterEach
    void closeAll() {
        opened.forEach(RawConnection::close);
    }

    @Test
    void version1AnswersIdAndSecretToken() {
        HttpResponse<String> response = hub.negotiate("negotiateVersion=1");

        assertEquals(200, response.statusCode(), response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("application/json"), "Content-Type: " + contentType);

        JsonObject body = RawHub.parse(response.body());
        assertEquals(1, body.getInt("negotiateVersion"), response.body());
        String connectionId = body.getString("connectionId");
        String connectionToken = body.getString("connectionToken");
        assertTrue(connectionId.matches(ID_PATTERN), "connectionId: " + connectionId);
        assertTrue(connectionToken.matches(ID_PATTERN), "connectionToken: " + connectionToken);
        assertNotEquals(connectionId, connectionToken, "the token is the secret, the id is public");
        assertFalse(body.containsKey("error"), response.body());

        JsonObject webSockets = body.getJsonArray("availableTransports").getValuesAs(JsonObject.class).stream()
                .filter(transport -> "WebSockets".equals(transport.getString("transport")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no WebSockets in " + response.body()));
        List<String> formats = webSockets.getJsonArray("transferFormats").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        assertEquals(List.of("Text", "Binary"), formats, response.body());
    }

    @Test
    void everyNegotiateMakesNewIds() {
        JsonObject first = hub.negotiateV1();
        JsonObject second = hub.negotiateV1();

        assertNotEquals(first.getString("connectionId"), second.getString("connectionId"));
        assertNotEquals(first.getString("connectionToken"), second.getString("connectionToken"));
    }

    @Test
    void version0AnswersWithoutToken() {
        HttpResponse<String> response = hub.negotiate("");

        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = RawHub.parse(response.body());
        assertEquals(0, body.getInt("negotiateVersion"), response.body());
        assertTrue(body.getString("connectionId").matches(ID_PATTERN), response.body());
        assertFalse(body.containsKey("connectionToken"), "version 0 has no token: " + response.body());
        assertEquals(JsonValue.ValueType.ARRAY, body.get("availableTransports").getValueType(), response.body());
    }

    @Test
    void version0ConnectsWithTheConnectionId() {
        JsonObject body = RawHub.parse(hub.negotiate("").body());

        RawConnection connection = track(hub.open(body.getString("connectionId")));
        connection.send(RawHub.JSON_HANDSHAKE);
        assertEquals("{}", connection.nextRecord());
    }

    @Test
    void negotiateAnswersOnlyPost() {
        HttpResponse<String> response = hub.negotiate("negotiateVersion=1", request -> request.GET());

        assertEquals(405, response.statusCode(), response.body());
    }

    @Test
    void unknownIdIsRefusedWith404() {
        assertRefusedWith404("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void publicConnectionIdDoesNotOpenAVersion1Connection() {
        assertRefusedWith404(hub.negotiateV1().getString("connectionId"));
    }

    @Test
    void tokenOpensTheConnection() {
        JsonObject negotiation = hub.negotiateV1();

        RawConnection connection = track(hub.open(negotiation.getString("connectionToken")));
        connection.send(RawHub.JSON_HANDSHAKE);
        assertEquals("{}", connection.nextRecord());

        // And the hub sees the public id, never the token.
        connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoAmI\",\"arguments\":[]}" + RawConnection.RS);
        JsonObject completion = connection.nextMessage();
        assertEquals(negotiation.getString("connectionId"), completion.getString("result"), completion.toString());
    }

    private void assertRefusedWith404(String id) {
        CompletionException refused = assertThrows(CompletionException.class, () -> track(hub.openAsync(id).join()),
                "the WebSocket with id=" + id + " was accepted");
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(404, handshake.getResponse().statusCode());
    }

    private RawConnection track(RawConnection connection) {
        opened.add(connection);
        return connection;
    }
}
