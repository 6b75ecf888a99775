package dev.hubs.core.protocol;

import dev.hubs.spi.ClientInvocation;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The JSON encoding of the SignalR hub protocol ({@code "json"}, version 1).
 *
 * <p>Reading follows what the official clients send and what the ASP.NET Core server accepts: properties in any
 * order ({@code type} may come last), unknown properties and {@code headers} skipped, a message of an unknown type
 * ignored. Arguments are bound to the target method's parameter types while the record is read, through the
 * {@link InvocationBinder}; a binding problem is reported as an {@link InvocationBindingFailureMessage}, not as a
 * protocol error, because SignalR answers it with an error completion and keeps the connection.
 *
 * <p>Writing never emits {@code headers} (the official Java client rejects them) and never writes {@code null}
 * for an optional string property (the clients reject that too): such properties are left out.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonHubProtocol {

    /** The protocol name used in the handshake. */
    public static final String NAME = "json";

    /** The highest protocol version supported: stateful reconnect (version 2) is not implemented. */
    public static final int VERSION = 1;

    private static final String PING_RECORD = "{\"type\":6}" + RecordSeparator.STRING;

    private final JsonParserFactory parsers;
    private final JsonValues values;
    private final Function<ClientInvocation, String> invocationWriter = this::writeInvocation;

    /**
     * Creates the protocol.
     *
     * @param provider the JSON-P provider (look it up once: {@code JsonProvider.provider()} is a service lookup)
     * @param jsonb    the JSON-B instance for arguments, results and items
     */
    public JsonHubProtocol(JsonProvider provider, Jsonb jsonb) {
        this.parsers = provider.createParserFactory(Map.of());
        this.values = new JsonValues(jsonb);
    }

    /**
     * The converter this protocol uses for values.
     *
     * @return the value converter
     */
    public JsonValues values() {
        return values;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads one record (without its separator).
     *
     * @param record the JSON text of one message
     * @param binder tells the types of arguments and items
     * @return the message, or {@code null} for a message of a type this server does not know (ignored, as SignalR
     *         does, so that newer clients keep working)
     * @throws HubProtocolException when the record is not a valid message
     */
    public HubMessage parse(String record, InvocationBinder binder) {
        RawRecord raw = new RawRecord();
        try (JsonParser parser = parsers.createParser(new StringReader(record))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new HubProtocolException("Error reading JSON.");
            }
            readProperties(parser, raw);
            if (parser.hasNext()) {
                throw new HubProtocolException("Error reading JSON.");
            }
        } catch (HubProtocolException e) {
            throw e;
        } catch (JsonException | IllegalStateException | NoSuchElementException | ArithmeticException
                 | NumberFormatException e) {
            // Parsson turns some numbers that its tokenizer accepts (9e991999999999-999999999) into a
            // NumberFormatException only when the value is built: malformed input all the same.
            throw new HubProtocolException("Error reading JSON.", e);
        }
        return raw.toMessage(binder, values);
    }

    private static void readProperties(JsonParser parser, RawRecord raw) {
        while (true) {
            JsonParser.Event event = parser.next();
            if (event == JsonParser.Event.END_OBJECT) {
                return;
            }
            if (event != JsonParser.Event.KEY_NAME) {
                throw new HubProtocolException("Error reading JSON.");
            }
            String key = parser.getString();
            JsonParser.Event valueEvent = parser.next();
            switch (key) {
                case "type" -> raw.type = integer(parser, valueEvent, "type");
                case "invocationId" -> raw.invocationId = string(parser, valueEvent, "invocationId");
                case "target" -> raw.target = string(parser, valueEvent, "target");
                case "error" -> raw.error = string(parser, valueEvent, "error");
                case "arguments" -> {
                    if (valueEvent != JsonParser.Event.START_ARRAY) {
                        throw new HubProtocolException("Expected 'arguments' to be of type Array.");
                    }
                    raw.arguments = parser.getArray();
                }
                case "streamIds" -> raw.streamIds = streamIds(parser, valueEvent);
                case "result" -> {
                    raw.result = parser.getValue();
                    raw.hasResult = true;
                }
                case "item" -> {
                    raw.item = parser.getValue();
                    raw.hasItem = true;
                }
                case "allowReconnect" -> {
                    if (valueEvent == JsonParser.Event.VALUE_TRUE) {
                        raw.allowReconnect = true;
                    } else if (valueEvent != JsonParser.Event.VALUE_FALSE) {
                        throw new HubProtocolException("Expected 'allowReconnect' to be true or false.");
                    }
                }
                case "sequenceId" -> raw.sequenceId = longValue(parser, valueEvent, "sequenceId");
                case "headers" -> {
                    if (valueEvent != JsonParser.Event.START_OBJECT) {
                        throw new HubProtocolException("Expected 'headers' to be of type StartObject.");
                    }
                    // Headers have no meaning in the protocol yet: check their shape, then drop them.
                    for (Map.Entry<String, JsonValue> header : parser.getObject().entrySet()) {
                        if (header.getValue().getValueType() != JsonValue.ValueType.STRING) {
                            throw new HubProtocolException(
                                    "Expected header '" + header.getKey() + "' to be of type String.");
                        }
                    }
                }
                default -> skip(parser, valueEvent);
            }
        }
    }

    private static void skip(JsonParser parser, JsonParser.Event event) {
        JsonSkipping.skipValue(parser, event);
    }

    private static String string(JsonParser parser, JsonParser.Event event, String name) {
        if (event != JsonParser.Event.VALUE_STRING) {
            throw new HubProtocolException("Expected '" + name + "' to be of type String.");
        }
        return parser.getString();
    }

    private static int integer(JsonParser parser, JsonParser.Event event, String name) {
        if (event != JsonParser.Event.VALUE_NUMBER || !parser.isIntegralNumber()) {
            throw new HubProtocolException("Expected '" + name + "' to be of type Number.");
        }
        try {
            return parser.getBigDecimal().intValueExact();
        } catch (ArithmeticException e) {
            throw new HubProtocolException("Expected '" + name + "' to be of type Number.", e);
        }
    }

    private static long longValue(JsonParser parser, JsonParser.Event event, String name) {
        if (event != JsonParser.Event.VALUE_NUMBER || !parser.isIntegralNumber()) {
            throw new HubProtocolException("Expected '" + name + "' to be of type Number.");
        }
        try {
            return parser.getBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            throw new HubProtocolException("Expected '" + name + "' to be of type Number.", e);
        }
    }

    private static List<String> streamIds(JsonParser parser, JsonParser.Event event) {
        if (event != JsonParser.Event.START_ARRAY) {
            throw new HubProtocolException("Expected 'streamIds' to be of type Array.");
        }
        List<String> ids = new ArrayList<>(2);
        for (JsonValue id : parser.getArray()) {
            if (id.getValueType() == JsonValue.ValueType.NULL) {
                throw new HubProtocolException("Null value for 'streamIds' is not valid.");
            }
            if (id.getValueType() != JsonValue.ValueType.STRING) {
                throw new HubProtocolException("Expected 'streamIds' to be of type Array.");
            }
            ids.add(((JsonString) id).getString());
        }
        return ids;
    }

    /** The properties of one record, gathered before the type is known (it may come last). */
    private static final class RawRecord {
        Integer type;
        String invocationId;
        String target;
        String error;
        JsonArray arguments;
        List<String> streamIds;
        JsonValue result;
        boolean hasResult;
        JsonValue item;
        boolean hasItem;
        boolean allowReconnect;
        Long sequenceId;

        HubMessage toMessage(InvocationBinder binder, JsonValues values) {
            if (type == null) {
                throw new HubProtocolException("Missing required property 'type'.");
            }
            return switch (type) {
                case HubMessage.INVOCATION -> invocation(binder, values, false);
                case HubMessage.STREAM_INVOCATION -> invocation(binder, values, true);
                case HubMessage.STREAM_ITEM -> {
                    String id = required(invocationId, "invocationId");
                    if (!hasItem) {
                        throw new HubProtocolException("Missing required property 'item'.");
                    }
                    Type itemType = binder.streamItemType(id);
                    try {
                        yield new StreamItemMessage(id, values.fromJson(item, itemType));
                    } catch (RuntimeException e) {
                        yield new StreamBindingFailureMessage(id, e);
                    }
                }
                case HubMessage.COMPLETION -> {
                    String id = required(invocationId, "invocationId");
                    if (error != null && hasResult) {
                        throw new HubProtocolException("The 'error' and 'result' properties are mutually exclusive.");
                    }
                    if (error != null) {
                        yield CompletionMessage.withError(id, error);
                    }
                    if (!hasResult) {
                        yield CompletionMessage.empty(id);
                    }
                    Type resultType = binder.returnType(id);
                    try {
                        yield CompletionMessage.withResult(id, values.fromJson(result, resultType));
                    } catch (RuntimeException e) {
                        // The answer to a client result that does not fit the expected type fails that one call,
                        // not the connection.
                        yield CompletionMessage.withError(id, "Error trying to deserialize result to "
                                + simpleName(resultType) + ". " + e.getMessage());
                    }
                }
                case HubMessage.CANCEL_INVOCATION -> new CancelInvocationMessage(required(invocationId, "invocationId"));
                case HubMessage.PING -> PingMessage.INSTANCE;
                case HubMessage.CLOSE -> new CloseMessage(error, allowReconnect);
                case HubMessage.ACK -> new AckMessage(requiredSequence());
                case HubMessage.SEQUENCE -> new SequenceMessage(requiredSequence());
                default -> null;
            };
        }

        private HubMessage invocation(InvocationBinder binder, JsonValues values, boolean streaming) {
            String name = required(target, "target");
            String id = streaming ? required(invocationId, "invocationId") : invocationId;
            if (streaming && id.isEmpty()) {
                throw new HubProtocolException("Missing required property 'invocationId'.");
            }
            if (id != null && id.isEmpty()) {
                id = null; // an empty id means "no answer wanted", as with the .NET server
            }
            if (arguments == null) {
                throw new HubProtocolException("Missing required property 'arguments'.");
            }
            Object[] bound;
            try {
                bound = bind(binder.parameterTypes(name), values);
            } catch (RuntimeException e) {
                return new InvocationBindingFailureMessage(id, name, e, streaming);
            }
            return streaming
                    ? new StreamInvocationMessage(id, name, bound, streamIds)
                    : new InvocationMessage(id, name, bound, streamIds);
        }

        private Object[] bind(List<Type> types, JsonValues values) {
            if (types.size() != arguments.size()) {
                throw new InvalidArgumentsException("Invocation provides " + arguments.size()
                        + " argument(s) but target expects " + types.size() + ".");
            }
            Object[] bound = new Object[types.size()];
            for (int i = 0; i < bound.length; i++) {
                try {
                    bound[i] = values.fromJson(arguments.get(i), types.get(i));
                } catch (RuntimeException e) {
                    throw new InvalidArgumentsException("Error binding arguments. Make sure that the types of the "
                            + "provided values match the types of the hub method being invoked.", e);
                }
            }
            return bound;
        }

        private static String simpleName(Type type) {
            return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
        }

        private long requiredSequence() {
            if (sequenceId == null) {
                throw new HubProtocolException("Missing required property 'sequenceId'.");
            }
            return sequenceId;
        }

        private static String required(String value, String name) {
            if (value == null) {
                throw new HubProtocolException("Missing required property '" + name + "'.");
            }
            return value;
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes one message as a record, separator included.
     *
     * @param message the message
     * @return the record
     */
    public String write(HubMessage message) {
        if (message instanceof PingMessage) {
            return PING_RECORD;
        }
        StringBuilder out = new StringBuilder(64);
        // Java 17: no pattern switch; the order follows how often each message is sent.
        if (message instanceof InvocationMessage m) {
            invocation(out, HubMessage.INVOCATION, m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof CompletionMessage m) {
            out.append("{\"type\":3,\"invocationId\":");
            JsonText.appendString(out, m.invocationId());
            if (m.error() != null) {
                out.append(",\"error\":");
                JsonText.appendString(out, m.error());
            } else if (m.hasResult()) {
                out.append(",\"result\":");
                values.appendJson(out, m.result());
            }
            out.append('}');
        } else if (message instanceof StreamItemMessage m) {
            out.append("{\"type\":2,\"invocationId\":");
            JsonText.appendString(out, m.invocationId());
            out.append(",\"item\":");
            values.appendJson(out, m.item());
            out.append('}');
        } else if (message instanceof StreamInvocationMessage m) {
            invocation(out, HubMessage.STREAM_INVOCATION, m.invocationId(), m.target(), m.arguments(),
                    m.streamIds());
        } else if (message instanceof CancelInvocationMessage m) {
            out.append("{\"type\":5,\"invocationId\":");
            JsonText.appendString(out, m.invocationId());
            out.append('}');
        } else if (message instanceof CloseMessage m) {
            out.append("{\"type\":7");
            if (m.error() != null) {
                out.append(",\"error\":");
                JsonText.appendString(out, m.error());
            }
            if (m.allowReconnect()) {
                out.append(",\"allowReconnect\":true");
            }
            out.append('}');
        } else if (message instanceof AckMessage m) {
            out.append("{\"type\":8,\"sequenceId\":").append(m.sequenceId()).append('}');
        } else if (message instanceof SequenceMessage m) {
            out.append("{\"type\":9,\"sequenceId\":").append(m.sequenceId()).append('}');
        } else {
            throw new IllegalArgumentException("Not a message that is sent: " + message);
        }
        return out.append(RecordSeparator.CHAR).toString();
    }

    /**
     * {@link #writeInvocation} as a function, for {@link ClientInvocation#serialized}: one object, rather than a
     * method reference made for every connection a broadcast reaches.
     *
     * @return the invocation writer of this protocol
     */
    public Function<ClientInvocation, String> invocationWriter() {
        return invocationWriter;
    }

    /**
     * Writes a server-to-client invocation that wants no answer, separator included. This is the form every
     * {@code send} to clients takes; {@link ClientInvocation#serialized} caches it per message.
     *
     * @param invocation the invocation
     * @return the record
     */
    public String writeInvocation(ClientInvocation invocation) {
        StringBuilder out = new StringBuilder(64);
        out.append("{\"type\":1,\"target\":");
        JsonText.appendString(out, invocation.method());
        out.append(",\"arguments\":[");
        for (int i = 0; i < invocation.argumentCount(); i++) {
            if (i > 0) {
                out.append(',');
            }
            values.appendJson(out, invocation.argument(i));
        }
        return out.append("]}").append(RecordSeparator.CHAR).toString();
    }

    private void invocation(StringBuilder out, int type, String invocationId, String target, Object[] arguments,
                            List<String> streamIds) {
        out.append("{\"type\":").append(type);
        if (invocationId != null) {
            out.append(",\"invocationId\":");
            JsonText.appendString(out, invocationId);
        }
        out.append(",\"target\":");
        JsonText.appendString(out, target);
        out.append(",\"arguments\":[");
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            values.appendJson(out, arguments[i]);
        }
        out.append(']');
        if (!streamIds.isEmpty()) {
            out.append(",\"streamIds\":[");
            for (int i = 0; i < streamIds.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                JsonText.appendString(out, streamIds.get(i));
            }
            out.append(']');
        }
        out.append('}');
    }
}
