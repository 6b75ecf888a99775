package dev.hubs.core.protocol;

import dev.hubs.HubException;
import dev.hubs.core.protocol.TestTypes.Bean;
import dev.hubs.core.protocol.TestTypes.Point;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading: the exact records the official clients send, and the errors SignalR raises for broken ones.
 */
class JsonHubProtocolParseTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JsonProvider.provider(), JSONB);

    /** Knows "M" (the everything signature), "two" (String, int) and "none" (no parameters). */
    private static final InvocationBinder BINDER = new InvocationBinder() {
        @Override
        public List<Type> parameterTypes(String target) {
            switch (target) {
                case "M":
                    return TestTypes.typesOf("everything");
                case "two":
                    return TestTypes.typesOf("two");
                case "none":
                    return List.of();
                default:
                    throw new HubException("Method does not exist.");
            }
        }

        @Override
        public Type returnType(String invocationId) {
            return "int".equals(invocationId) ? int.class : Object.class;
        }

        @Override
        public Type streamItemType(String streamId) {
            return int.class;
        }
    };

    private static final String ARGS = "[\"hello\",42,9007199254740993,1.5,true,[\"a\",\"b\"],{\"x\":1,\"y\":2},"
            + "{\"x\":3,\"y\":4},{\"name\":\"n\",\"count\":5},null]";

    private static final Object[] EXPECTED_ARGS = {"hello", 42, 9007199254740993L, 1.5, true, List.of("a", "b"),
            Map.of("x", 1, "y", 2), new Point(3, 4), new Bean("n", 5), null};

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    private static HubMessage parse(String record) {
        return PROTOCOL.parse(record, BINDER);
    }

    private static void assertBoundArguments(Object[] actual) {
        assertEquals(EXPECTED_ARGS.length, actual.length);
        for (int i = 0; i < EXPECTED_ARGS.length; i++) {
            assertEquals(EXPECTED_ARGS[i], actual[i], "argument " + i);
        }
        assertInstanceOf(String.class, actual[0]);
        assertInstanceOf(Integer.class, actual[1]);
        assertInstanceOf(Long.class, actual[2]);
        assertInstanceOf(Double.class, actual[3]);
        assertInstanceOf(Boolean.class, actual[4]);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) actual[6];
        assertInstanceOf(Integer.class, map.get("x"), "map values bound to Integer");
        assertInstanceOf(Point.class, actual[7]);
        assertInstanceOf(Bean.class, actual[8]);
    }

    // ---------------------------------------------------------------- golden records of the official clients

    @Test
    void jsClientInvokeWithTypeLast() {
        HubMessage message = parse("{\"arguments\":" + ARGS + ",\"invocationId\":\"0\",\"target\":\"M\",\"type\":1}");
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class, message);
        assertEquals("0", invocation.invocationId());
        assertEquals("M", invocation.target());
        assertEquals(List.of(), invocation.streamIds());
        assertBoundArguments(invocation.arguments());
    }

    @Test
    void javaClientInvokeWithTypeFirst() {
        HubMessage message = parse("{\"type\":1,\"invocationId\":\"1\",\"target\":\"M\",\"arguments\":" + ARGS + "}");
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class, message);
        assertEquals("1", invocation.invocationId());
        assertEquals("M", invocation.target());
        assertBoundArguments(invocation.arguments());
    }

    @Test
    void jsClientSendHasNoInvocationId() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"arguments\":[\"a\",7],\"target\":\"two\",\"type\":1}"));
        assertNull(invocation.invocationId());
        assertEquals("two", invocation.target());
        assertArrayEquals(new Object[]{"a", 7}, invocation.arguments());
    }

    @Test
    void javaClientSendWithNoArguments() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"type\":1,\"target\":\"none\",\"arguments\":[]}"));
        assertNull(invocation.invocationId());
        assertEquals(0, invocation.arguments().length);
    }

    @Test
    void emptyInvocationIdMeansNonBlocking() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"type\":1,\"invocationId\":\"\",\"target\":\"none\",\"arguments\":[]}"));
        assertNull(invocation.invocationId());
    }

    @Test
    void nullArgumentForReferenceTypes() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"type\":1,\"target\":\"two\",\"arguments\":[null,1]}"));
        assertNull(invocation.arguments()[0]);
    }

    @Test
    void ping() {
        assertSame(PingMessage.INSTANCE, parse("{\"type\":6}"));
    }

    @Test
    void javaClientStop() {
        assertEquals(new CloseMessage(null, false), parse("{\"type\":7,\"allowReconnect\":false}"));
    }

    @Test
    void jsClientStop() {
        assertEquals(new CloseMessage(null, false), parse("{\"type\":7}"));
    }

    @Test
    void closeWithErrorAndReconnect() {
        assertEquals(new CloseMessage("gone", true), parse("{\"error\":\"gone\",\"allowReconnect\":true,\"type\":7}"));
    }

    @Test
    void completionWithResultBoundToReturnType() {
        CompletionMessage completion = assertInstanceOf(CompletionMessage.class,
                parse("{\"type\":3,\"invocationId\":\"int\",\"result\":42}"));
        assertEquals("int", completion.invocationId());
        assertTrue(completion.hasResult());
        assertEquals(42, completion.result());
        assertNull(completion.error());
    }

    @Test
    void completionWithResultBeforeInvocationId() {
        CompletionMessage completion = assertInstanceOf(CompletionMessage.class,
                parse("{\"result\":42,\"invocationId\":\"int\",\"type\":3}"));
        assertEquals(42, completion.result());
    }

    @Test
    void completionWithNullResult() {
        CompletionMessage completion = assertInstanceOf(CompletionMessage.class,
                parse("{\"type\":3,\"invocationId\":\"7\",\"result\":null}"));
        assertTrue(completion.hasResult());
        assertNull(completion.result());
    }

    @Test
    void completionWithError() {
        assertEquals(CompletionMessage.withError("2", "bad"),
                parse("{\"error\":\"bad\",\"invocationId\":\"2\",\"type\":3}"));
    }

    @Test
    void jsUploadCompletionWithoutResult() {
        CompletionMessage completion = assertInstanceOf(CompletionMessage.class,
                parse("{\"invocationId\":\"2\",\"type\":3}"));
        assertFalse(completion.hasResult());
        assertNull(completion.error());
    }

    @Test
    void jsStreamInvocationCancelAndItem() {
        StreamInvocationMessage stream = assertInstanceOf(StreamInvocationMessage.class,
                parse("{\"arguments\":[],\"invocationId\":\"1\",\"target\":\"none\",\"type\":4}"));
        assertEquals("1", stream.invocationId());
        assertEquals("none", stream.target());
        assertEquals(new CancelInvocationMessage("1"), parse("{\"invocationId\":\"1\",\"type\":5}"));
        StreamItemMessage item = assertInstanceOf(StreamItemMessage.class,
                parse("{\"invocationId\":\"2\",\"item\":5,\"type\":2}"));
        assertEquals("2", item.invocationId());
        assertEquals(5, item.item());
    }

    @Test
    void streamIdsAreRead() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"arguments\":[],\"invocationId\":\"0\",\"streamIds\":[\"1\",\"2\"],\"target\":\"none\",\"type\":1}"));
        assertEquals(List.of("1", "2"), invocation.streamIds());
    }

    @Test
    void ackAndSequence() {
        assertEquals(new AckMessage(5), parse("{\"type\":8,\"sequenceId\":5}"));
        assertEquals(new SequenceMessage(6), parse("{\"sequenceId\":6,\"type\":9}"));
    }

    // ---------------------------------------------------------------- tolerated input

    @Test
    void headersObjectIsSkipped() {
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class,
                parse("{\"type\":1,\"headers\":{\"a\":\"b\",\"c\":\"d\"},\"target\":\"none\",\"arguments\":[]}"));
        assertEquals("none", invocation.target());
        assertSame(PingMessage.INSTANCE, parse("{\"headers\":{},\"type\":6}"));
    }

    @Test
    void unknownPropertiesAreSkipped() {
        HubMessage message = parse("{\"foo\":{\"a\":[1,{\"b\":2}]},\"type\":1,\"bar\":[{},[]],\"target\":\"two\","
                + "\"baz\":1,\"qux\":null,\"arguments\":[\"x\",2],\"z\":\"s\",\"t\":true}");
        InvocationMessage invocation = assertInstanceOf(InvocationMessage.class, message);
        assertArrayEquals(new Object[]{"x", 2}, invocation.arguments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":10}", "{\"type\":99,\"whatever\":[1]}", "{\"type\":0}", "{\"type\":-1}"})
    void unknownTypeIsIgnored(String record) {
        assertNull(parse(record));
    }

    @Test
    void surroundingWhitespaceIsAccepted() {
        assertSame(PingMessage.INSTANCE, parse(" \r\n{ \"type\" : 6 }\n "));
    }

    // ---------------------------------------------------------------- protocol errors

    private static void assertProtocolError(String expectedMessage, String record) {
        HubProtocolException e = assertThrows(HubProtocolException.class, () -> parse(record), record);
        assertEquals(expectedMessage, e.getMessage(), record);
    }

    @Test
    void missingType() {
        assertProtocolError("Missing required property 'type'.", "{\"target\":\"none\",\"arguments\":[]}");
        assertProtocolError("Missing required property 'type'.", "{}");
    }

    @Test
    void nullType() {
        assertProtocolError("Expected 'type' to be of type Number.", "{\"type\":null}");
        assertProtocolError("Expected 'type' to be of type Number.", "{\"type\":\"1\"}");
    }

    @Test
    void missingTarget() {
        assertProtocolError("Missing required property 'target'.", "{\"type\":1,\"arguments\":[]}");
        assertProtocolError("Missing required property 'target'.",
                "{\"type\":4,\"invocationId\":\"1\",\"arguments\":[]}");
    }

    @Test
    void missingArguments() {
        assertProtocolError("Missing required property 'arguments'.", "{\"type\":1,\"target\":\"none\"}");
        assertProtocolError("Missing required property 'arguments'.",
                "{\"type\":1,\"invocationId\":\"1\",\"target\":\"unknown\"}");
    }

    @Test
    void nullStringProperties() {
        assertProtocolError("Expected 'invocationId' to be of type String.",
                "{\"type\":1,\"invocationId\":null,\"target\":\"none\",\"arguments\":[]}");
        assertProtocolError("Expected 'target' to be of type String.",
                "{\"type\":1,\"target\":null,\"arguments\":[]}");
        assertProtocolError("Expected 'error' to be of type String.", "{\"type\":7,\"error\":null}");
    }

    @Test
    void argumentsNotAnArray() {
        assertProtocolError("Expected 'arguments' to be of type Array.",
                "{\"type\":1,\"target\":\"none\",\"arguments\":{}}");
        assertProtocolError("Expected 'arguments' to be of type Array.",
                "{\"type\":1,\"target\":\"none\",\"arguments\":null}");
        assertProtocolError("Expected 'arguments' to be of type Array.",
                "{\"type\":1,\"target\":\"none\",\"arguments\":\"x\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "   ", "{", "{\"type\":1,", "{\"type\":6,}", "[1,2]", "\"x\"", "42",
            "{'type':6}", "{\"type\":6}}"})
    void nonJson(String record) {
        assertProtocolError("Error reading JSON.", record);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":6}x", "{\"type\":6}{}", "{\"type\":6} {\"type\":6}", "{\"type\":6}]"})
    void trailingGarbage(String record) {
        assertProtocolError("Error reading JSON.", record);
    }

    @Test
    void requiredPropertiesOfOtherTypes() {
        assertProtocolError("Missing required property 'invocationId'.", "{\"type\":3}");
        assertProtocolError("Missing required property 'invocationId'.", "{\"type\":5}");
        assertProtocolError("Missing required property 'invocationId'.", "{\"type\":2,\"item\":1}");
        assertProtocolError("Missing required property 'item'.", "{\"type\":2,\"invocationId\":\"1\"}");
        assertProtocolError("Missing required property 'sequenceId'.", "{\"type\":8}");
        assertProtocolError("Missing required property 'invocationId'.",
                "{\"type\":4,\"target\":\"none\",\"arguments\":[]}");
        assertProtocolError("Missing required property 'invocationId'.",
                "{\"type\":4,\"invocationId\":\"\",\"target\":\"none\",\"arguments\":[]}");
    }

    @Test
    void errorAndResultAreMutuallyExclusive() {
        assertProtocolError("The 'error' and 'result' properties are mutually exclusive.",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"e\",\"result\":1}");
    }

    @Test
    void headersOfTheWrongShape() {
        assertProtocolError("Expected 'headers' to be of type StartObject.",
                "{\"type\":1,\"headers\":[],\"target\":\"none\",\"arguments\":[]}");
        assertProtocolError("Expected header 'a' to be of type String.",
                "{\"type\":1,\"headers\":{\"a\":1},\"target\":\"none\",\"arguments\":[]}");
    }

    @Test
    void allowReconnectOfTheWrongShape() {
        assertProtocolError("Expected 'allowReconnect' to be true or false.", "{\"type\":7,\"allowReconnect\":1}");
    }

    @Test
    void streamIdsNotAnArray() {
        assertProtocolError("Expected 'streamIds' to be of type Array.",
                "{\"type\":1,\"streamIds\":\"1\",\"target\":\"none\",\"arguments\":[]}");
    }

    /**
     * ASP.NET Core (JsonHubProtocol.cs): {@code "streamIds":null} is not a StartArray token, so it fails with
     * "Expected 'streamIds' to be of type Array."; "Null value for 'streamIds' is not valid." is the text for a null
     * element inside the array ({@code reader.GetString() ?? throw ...}).
     */
    @Test
    void streamIdsNullTextsMatchSignalR() {
        assertProtocolError("Expected 'streamIds' to be of type Array.",
                "{\"type\":1,\"streamIds\":null,\"target\":\"none\",\"arguments\":[]}");
        assertProtocolError("Null value for 'streamIds' is not valid.",
                "{\"type\":1,\"streamIds\":[null],\"target\":\"none\",\"arguments\":[]}");
    }

    // ---------------------------------------------------------------- binding failures are messages

    @Test
    void unknownMethodIsABindingFailure() {
        InvocationBindingFailureMessage failure = assertInstanceOf(InvocationBindingFailureMessage.class,
                parse("{\"arguments\":[1],\"invocationId\":\"3\",\"target\":\"nope\",\"type\":1}"));
        assertEquals("3", failure.invocationId());
        assertEquals("nope", failure.target());
        assertFalse(failure.streaming());
        HubException cause = assertInstanceOf(HubException.class, failure.cause());
        assertEquals("Method does not exist.", cause.getMessage());
    }

    @Test
    void unknownMethodWithoutIdIsABindingFailureWithoutId() {
        InvocationBindingFailureMessage failure = assertInstanceOf(InvocationBindingFailureMessage.class,
                parse("{\"arguments\":[],\"target\":\"nope\",\"type\":1}"));
        assertNull(failure.invocationId());
    }

    @Test
    void wrongArgumentCountIsABindingFailure() {
        InvocationBindingFailureMessage failure = assertInstanceOf(InvocationBindingFailureMessage.class,
                parse("{\"type\":1,\"invocationId\":\"4\",\"target\":\"two\",\"arguments\":[\"a\"]}"));
        assertEquals("4", failure.invocationId());
        assertEquals("two", failure.target());
        assertEquals("Invocation provides 1 argument(s) but target expects 2.", failure.cause().getMessage());
    }

    @Test
    void wrongArgumentTypeIsABindingFailure() {
        String expected = "Error binding arguments. Make sure that the types of the provided values match the "
                + "types of the hub method being invoked.";
        for (String args : List.of("[\"a\",\"not a number\"]", "[\"a\",null]", "[\"a\",1.5]", "[\"a\",{}]",
                "[\"a\",99999999999]")) {
            InvocationBindingFailureMessage failure = assertInstanceOf(InvocationBindingFailureMessage.class,
                    parse("{\"type\":1,\"invocationId\":\"5\",\"target\":\"two\",\"arguments\":" + args + "}"), args);
            assertEquals(expected, failure.cause().getMessage(), args);
        }
    }

    @Test
    void streamInvocationBindingFailureIsMarkedStreaming() {
        InvocationBindingFailureMessage failure = assertInstanceOf(InvocationBindingFailureMessage.class,
                parse("{\"arguments\":[],\"invocationId\":\"1\",\"target\":\"nope\",\"type\":4}"));
        assertTrue(failure.streaming());
    }

    /** Found by fuzzing: skipping a value that the record cuts off must fail, not spin (a Parsson bug). */
    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":6,\"x\":[1,2", "{\"type\":6,\"x\":[", "{\"type\":6,\"x\":{\"a\":1",
            "{\"type\":6,\"x\":[[1]", "{\"x\":{\"y\":[{}"})
    @org.junit.jupiter.api.Timeout(value = 5, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aTruncatedUnknownValueIsAProtocolErrorNotAHang(String record) {
        assertThrows(HubProtocolException.class, () -> parse(record));
    }

    /** Found by fuzzing: Parsson accepts this number token but fails to build it with a NumberFormatException. */
    @Test
    void aNumberThatCannotBeBuiltIsAProtocolError() {
        assertThrows(HubProtocolException.class,
                () -> parse("{\"type\":1,\"target\":\"x\",\"arguments\":[9e991999999999-999999999]}"));
    }

    /** Found by fuzzing: a short exponent must not make the server build a gigantic BigInteger. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 5, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aHugeIntegerIsABindingFailureNotAnAllocation() {
        JsonValues values = new JsonValues(JSONB);
        assertThrows(IllegalArgumentException.class, () -> values.fromJson(
                jakarta.json.Json.createReader(new java.io.StringReader("[1e999999999]")).readArray().get(0),
                java.math.BigInteger.class));
        assertEquals(java.math.BigInteger.TEN.pow(30), values.fromJson(
                jakarta.json.Json.createReader(new java.io.StringReader("[1e30]")).readArray().get(0),
                java.math.BigInteger.class));
    }
}
