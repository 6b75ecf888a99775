package dev.hubs.core.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeProtocolTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final HandshakeProtocol HANDSHAKE = new HandshakeProtocol(JSON);

    @Test
    void officialClientsRequest() {
        // JS and Java clients both send exactly this (Gson field order = protocol, version).
        assertEquals(new HandshakeRequest("json", 1), HANDSHAKE.parse("{\"protocol\":\"json\",\"version\":1}"));
    }

    @Test
    void orderUnknownPropertiesAndOtherProtocols() {
        assertEquals(new HandshakeRequest("json", 2), HANDSHAKE.parse("{\"version\":2,\"protocol\":\"json\"}"));
        assertEquals(new HandshakeRequest("messagepack", 1),
                HANDSHAKE.parse("{\"x\":{\"a\":[1]},\"protocol\":\"messagepack\",\"y\":[{}],\"z\":null,\"version\":1,\"w\":\"s\"}"));
        assertEquals(new HandshakeRequest("JSON", 0), HANDSHAKE.parse(" {\"protocol\":\"JSON\",\"version\":0} "));
        assertEquals(new HandshakeRequest("json", -1), HANDSHAKE.parse("{\"protocol\":\"json\",\"version\":-1}"));
    }

    private static void assertInvalid(String expectedPrefix, String record) {
        HubProtocolException e = assertThrows(HubProtocolException.class, () -> HANDSHAKE.parse(record), record);
        assertTrue(e.getMessage().startsWith(expectedPrefix), record + " -> " + e.getMessage());
    }

    @Test
    void missingProtocol() {
        assertInvalid("Missing required property 'protocol'.", "{\"version\":1}");
        // An invocation sent as the first record is parsed as a handshake request.
        assertInvalid("Missing required property 'protocol'.",
                "{\"type\":1,\"invocationId\":\"0\",\"target\":\"x\",\"arguments\":[]}");
    }

    @Test
    void missingVersion() {
        assertInvalid("Missing required property 'version'.", "{\"protocol\":\"json\"}");
        assertInvalid("Missing required property 'version'.", "{\"protocol\":\"json\",\"version\":null}");
    }

    @Test
    void wrongTypes() {
        assertInvalid("Expected 'protocol' to be of type String.", "{\"protocol\":1,\"version\":1}");
        assertInvalid("Expected 'protocol' to be of type String.", "{\"protocol\":null,\"version\":1}");
        assertInvalid("Expected 'version' to be of type Number.", "{\"protocol\":\"json\",\"version\":\"1\"}");
        assertInvalid("Expected 'version' to be of type Number.", "{\"protocol\":\"json\",\"version\":1.5}");
        assertInvalid("Expected 'version' to be of type Number.", "{\"protocol\":\"json\",\"version\":99999999999}");
    }

    @Test
    void notAnObject() {
        assertInvalid("Unexpected JSON Token Type", "[]");
        assertInvalid("Unexpected JSON Token Type", "\"json\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", "{\"protocol\":\"json\","})
    void malformed(String record) {
        assertThrows(HubProtocolException.class, () -> HANDSHAKE.parse(record), record);
    }

    @Test
    void successIsExactlyEmptyObjectAndSeparator() {
        assertEquals("{}\u001e", HandshakeProtocol.SUCCESS);
        assertArrayEquals(new byte[]{0x7B, 0x7D, 0x1E}, HandshakeProtocol.SUCCESS.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void errorResponse() {
        assertEquals("{\"error\":\"The protocol 'xyz' is not supported.\"}\u001e",
                HandshakeProtocol.error("The protocol 'xyz' is not supported."));
        assertEquals("{\"error\":\"Handshake was canceled.\"}\u001e", HandshakeProtocol.error("Handshake was canceled."));
        String tricky = "The protocol '\"x\\y\n' is not supported.";
        String written = HandshakeProtocol.error(tricky);
        assertTrue(written.endsWith("\u001e"));
        try (JsonReader reader = JSON.createReader(new StringReader(written.substring(0, written.length() - 1)))) {
            JsonObject object = reader.readObject();
            assertEquals(1, object.size());
            assertEquals(tricky, object.getString("error"));
        }
    }

    /** Found by fuzzing: skipping a value that the request cuts off must fail, not spin (a Parsson bug). */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(value = 5, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aTruncatedUnknownValueIsAnErrorNotAHang() {
        HandshakeProtocol handshake = new HandshakeProtocol(jakarta.json.spi.JsonProvider.provider());
        org.junit.jupiter.api.Assertions.assertThrows(HubProtocolException.class,
                () -> handshake.parse("{\"protocol\":\"json\",\"extra\":[1,{\"a\":"));
    }
}
