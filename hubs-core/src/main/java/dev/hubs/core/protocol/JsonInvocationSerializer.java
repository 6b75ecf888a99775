package dev.hubs.core.protocol;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.InvocationSerializer;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * The JSON hub protocol as a backplane sees it: an invocation becomes the UTF-8 bytes of the very record the hub's
 * connections write (one serialization, shared with them), and bytes from another server become an invocation whose
 * record those connections write as it is.
 *
 * <p>Decoding the method and arguments back from a record is only needed when something other than a JSON
 * connection looks at a received invocation; the arguments then take the types JSON-B gives {@code Object}
 * (strings, {@code BigDecimal}, booleans, maps, lists).
 */
public final class JsonInvocationSerializer implements InvocationSerializer {

    private final JsonProvider provider;
    private final JsonHubProtocol protocol;

    /**
     * Creates the serializer.
     *
     * @param provider the JSON-P provider
     * @param protocol writes the records, with the application's JSON-B
     */
    public JsonInvocationSerializer(JsonProvider provider, JsonHubProtocol protocol) {
        this.provider = provider;
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return JsonHubProtocol.NAME;
    }

    @Override
    public byte[] serialize(ClientInvocation invocation) {
        String record = invocation.serialized(JsonHubProtocol.NAME, protocol::writeInvocation);
        return record.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ClientInvocation deserialize(byte[] serialized) {
        String record = new String(serialized, StandardCharsets.UTF_8);
        return ClientInvocation.ofSerialized(JsonHubProtocol.NAME, record, () -> decode(record));
    }

    /** Reads the target and arguments of a record written by {@link JsonHubProtocol#writeInvocation}. */
    private ClientInvocation decode(String record) {
        String json = record.endsWith(RecordSeparator.STRING)
                ? record.substring(0, record.length() - RecordSeparator.STRING.length()) : record;
        try (JsonReader reader = provider.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            String target = object.getString("target");
            JsonArray arguments = object.getJsonArray("arguments");
            Object[] values = new Object[arguments == null ? 0 : arguments.size()];
            for (int i = 0; i < values.length; i++) {
                JsonValue value = arguments.get(i);
                values[i] = value instanceof JsonString text ? text.getString()
                        : protocol.values().fromJson(value, Object.class);
            }
            return new ClientInvocation(target, values);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new HubProtocolException("Not an invocation record: " + record, e);
        }
    }
}
