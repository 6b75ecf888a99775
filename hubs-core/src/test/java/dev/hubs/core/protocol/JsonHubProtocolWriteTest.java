package dev.hubs.core.protocol;

import dev.hubs.core.protocol.TestTypes.Bean;
import dev.hubs.core.protocol.TestTypes.Point;
import dev.hubs.spi.ClientInvocation;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writing: the exact text the server sends, each record ended by 0x1E, never {@code headers}, never a null optional
 * property.
 */
class JsonHubProtocolWriteTest {

    private static final String RS = "\u001e";
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JSON, JSONB);

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static JsonObject readRecord(String record) {
        assertTrue(record.endsWith(RS), "record ends with the separator: " + record);
        assertEquals(record.length() - 1, record.indexOf(RS), "exactly one separator, at the end: " + record);
        try (JsonReader reader = JSON.createReader(new StringReader(record.substring(0, record.length() - 1)))) {
            return reader.readObject();
        }
    }

    @Test
    void completionWithResult() {
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":42}" + RS,
                PROTOCOL.write(CompletionMessage.withResult("1", 42)));
    }

    @Test
    void completionOfVoidMethodWritesNullResult() {
        // ASP.NET Core completes a void method with CompletionMessage.WithResult(id, null): "result":null present.
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":null}" + RS,
                PROTOCOL.write(CompletionMessage.withResult("1", null)));
    }

    @Test
    void completionWithError() {
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'send' "
                        + "on the server. HubException: boom\"}" + RS,
                PROTOCOL.write(CompletionMessage.withError("1",
                        "An unexpected error occurred invoking 'send' on the server. HubException: boom")));
    }

    @Test
    void completionWithNeitherResultNorError() {
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}" + RS, PROTOCOL.write(CompletionMessage.empty("1")));
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}" + RS, PROTOCOL.write(CompletionMessage.withError("1", null)));
    }

    @Test
    void completionResultsOfEveryKind() {
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"s\"}" + RS,
                PROTOCOL.write(CompletionMessage.withResult("1", "s")));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":true}" + RS,
                PROTOCOL.write(CompletionMessage.withResult("1", true)));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":9007199254740993}" + RS,
                PROTOCOL.write(CompletionMessage.withResult("1", 9007199254740993L)));
        JsonObject point = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", new Point(1, 2))));
        assertEquals(JSON.createObjectBuilder().add("x", 1).add("y", 2).build(), point.getJsonObject("result"));
        JsonObject bean = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", new Bean("n", 5))));
        assertEquals(JSON.createObjectBuilder().add("count", 5).add("name", "n").build(), bean.getJsonObject("result"));
        JsonObject list = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", List.of("a", "b"))));
        assertEquals(JSON.createArrayBuilder().add("a").add("b").build(), list.getJsonArray("result"));
        JsonObject map = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", Map.of("k", 1))));
        assertEquals(JSON.createObjectBuilder().add("k", 1).build(), map.getJsonObject("result"));
        JsonObject dbl = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", 1.5)));
        assertEquals(1.5, dbl.getJsonNumber("result").doubleValue());
    }

    @Test
    void ping() {
        assertEquals("{\"type\":6}" + RS, PROTOCOL.write(PingMessage.INSTANCE));
        assertEquals("{\"type\":6}" + RS, PROTOCOL.write(new PingMessage()));
    }

    @Test
    void closeWithErrorAndAllowReconnect() {
        assertEquals("{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}" + RS,
                PROTOCOL.write(new CloseMessage("Connection closed with an error.", true)));
    }

    @Test
    void closeEmpty() {
        assertEquals("{\"type\":7}" + RS, PROTOCOL.write(CloseMessage.EMPTY));
        assertEquals("{\"type\":7}" + RS, PROTOCOL.write(new CloseMessage(null, false)));
    }

    @Test
    void closeVariants() {
        assertEquals("{\"type\":7,\"error\":\"x\"}" + RS, PROTOCOL.write(new CloseMessage("x", false)));
        assertEquals("{\"type\":7,\"allowReconnect\":true}" + RS, PROTOCOL.write(new CloseMessage(null, true)));
    }

    @Test
    void serverToClientInvocation() {
        assertEquals("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}" + RS,
                PROTOCOL.writeInvocation(new ClientInvocation("receive", "a", 1)));
        assertEquals("{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",1]}" + RS,
                PROTOCOL.write(new InvocationMessage(null, "receive", new Object[]{"a", 1})));
        assertEquals("{\"type\":1,\"target\":\"ping\",\"arguments\":[]}" + RS,
                PROTOCOL.writeInvocation(new ClientInvocation("ping")));
        assertEquals("{\"type\":1,\"target\":\"n\",\"arguments\":[null]}" + RS,
                PROTOCOL.writeInvocation(new ClientInvocation("n", (Object) null)));
    }

    @Test
    void serverToClientInvocationWithObjects() {
        JsonObject record = readRecord(PROTOCOL.writeInvocation(
                new ClientInvocation("r", new Point(1, 2), List.of(1, 2), new Bean("b", 3), 2.5)));
        JsonArray arguments = record.getJsonArray("arguments");
        assertEquals(JSON.createObjectBuilder().add("x", 1).add("y", 2).build(), arguments.get(0));
        assertEquals(JSON.createArrayBuilder().add(1).add(2).build(), arguments.get(1));
        assertEquals(JSON.createObjectBuilder().add("count", 3).add("name", "b").build(), arguments.get(2));
        assertEquals(2.5, arguments.getJsonNumber(3).doubleValue());
    }

    @Test
    void invocationWithIdAndStreamIds() {
        assertEquals("{\"type\":1,\"invocationId\":\"7\",\"target\":\"t\",\"arguments\":[],\"streamIds\":[\"1\"]}" + RS,
                PROTOCOL.write(new InvocationMessage("7", "t", new Object[0], List.of("1"))));
    }

    @Test
    void streamItemAndCancel() {
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":5}" + RS,
                PROTOCOL.write(new StreamItemMessage("1", 5)));
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":null}" + RS,
                PROTOCOL.write(new StreamItemMessage("1", null)));
        assertEquals("{\"type\":5,\"invocationId\":\"1\"}" + RS, PROTOCOL.write(new CancelInvocationMessage("1")));
    }

    @Test
    void stringEscapingRoundTripsThroughARealParser() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        List<String> samples = List.of("say \"hi\"", "back\\slash", "\\\"", controls.toString(),
                "record\u001eseparator", "tab\tnew\nline\rcr\bbs\fff", "é ü ß 日本語", "emoji \uD83D\uDE00",
                "line\u2028para\u2029sep", "</script><b>&amp;'", "\u007f\u0080\u00ff", "");
        for (String sample : samples) {
            String written = PROTOCOL.writeInvocation(new ClientInvocation(sample, sample));
            JsonObject record = readRecord(written);
            assertEquals(sample, record.getString("target"), "target round trip of " + escapeForMessage(sample));
            assertEquals(sample, record.getJsonArray("arguments").getString(0),
                    "argument round trip of " + escapeForMessage(sample));
            String body = written.substring(0, written.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                assertFalse(body.charAt(i) < 0x20, "raw control character in " + escapeForMessage(body));
            }

            JsonObject error = readRecord(PROTOCOL.write(CompletionMessage.withError(sample, sample)));
            assertEquals(sample, error.getString("invocationId"));
            assertEquals(sample, error.getString("error"));
            JsonObject close = readRecord(PROTOCOL.write(new CloseMessage(sample, true)));
            assertEquals(sample, close.getString("error"));
            JsonObject result = readRecord(PROTOCOL.write(CompletionMessage.withResult("1", sample)));
            assertEquals(sample, result.getString("result"));
        }
    }

    @Test
    void jsonTextQuoteExactEscapes() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001e\\u001f\\u2028\\u2029é\"",
                JsonText.quote("a\"b\\c\n\r\t\b\f\u0000\u001e\u001f\u2028\u2029é"));
    }

    @Test
    void neverHeadersNeverNullOptionalProperties() {
        List<HubMessage> messages = List.of(
                new InvocationMessage(null, "t", new Object[]{null}),
                new InvocationMessage("1", "t", new Object[0]),
                CompletionMessage.empty("1"),
                CompletionMessage.withError("1", "e"),
                CompletionMessage.withError("1", null),
                CompletionMessage.withResult("1", null),
                new StreamItemMessage("1", null),
                new CancelInvocationMessage("1"),
                PingMessage.INSTANCE,
                CloseMessage.EMPTY,
                new CloseMessage("e", false),
                new CloseMessage(null, true));
        for (HubMessage message : messages) {
            String written = PROTOCOL.write(message);
            JsonObject record = readRecord(written);
            assertFalse(record.containsKey("headers"), written);
            assertFalse(record.containsKey("allowReconnect") && !record.getBoolean("allowReconnect"),
                    "allowReconnect:false is never written: " + written);
            assertFalse(record.containsKey("streamIds") && record.getJsonArray("streamIds").isEmpty(), written);
            for (Map.Entry<String, JsonValue> property : record.entrySet()) {
                if (!property.getKey().equals("result") && !property.getKey().equals("item")) {
                    assertNotEquals(JsonValue.NULL, property.getValue(), property.getKey() + " in " + written);
                }
            }
            assertEquals("type", record.keySet().iterator().next(), "type comes first: " + written);
        }
        String invocation = PROTOCOL.writeInvocation(new ClientInvocation("t", "a"));
        assertFalse(readRecord(invocation).containsKey("headers"));
        assertFalse(readRecord(invocation).containsKey("invocationId"));
    }

    private static String escapeForMessage(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
