package dev.hubs.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one scenario of a Node script saw: the {@code seen} object of its report. Values are read by path
 * ({@code "others.aFirst"} is {@code seen.others.aFirst}); a missing value or one of the wrong type fails the test with
 * everything the scenario saw, so a failure always shows what the client received.
 *
 * @param script    the script
 * @param transport the transport of its connections
 * @param name      the scenario
 * @param seen      what it saw
 */
public record JsScenario(String script, NodeClient.Transport transport, String name, JsonObject seen) {

    /**
     * Any value.
     *
     * @param path dot-separated property names
     * @return the value; {@link JsonValue#NULL} when the scenario recorded null
     */
    public JsonValue value(String path) {
        JsonValue current = seen;
        for (String key : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                throw new AssertionError("The scenario recorded no '" + path + "'. " + this);
            }
            current = object.get(key);
        }
        return current;
    }

    /**
     * Whether a value was recorded.
     *
     * @param path dot-separated property names
     * @return whether it is there (null counts as there)
     */
    public boolean has(String path) {
        JsonValue current = seen;
        for (String key : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(key)) {
                return false;
            }
            current = object.get(key);
        }
        return true;
    }

    /**
     * A string.
     *
     * @param path dot-separated property names
     * @return the string; {@code null} when the scenario recorded null
     */
    public String string(String path) {
        JsonValue value = value(path);
        if (value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new AssertionError("'" + path + "' is " + value + ", not a string. " + this);
    }

    /**
     * A whole number.
     *
     * @param path dot-separated property names
     * @return the number
     */
    public long number(String path) {
        if (value(path) instanceof JsonNumber number) {
            return number.longValueExact();
        }
        throw new AssertionError("'" + path + "' is " + value(path) + ", not a number. " + this);
    }

    /**
     * A boolean.
     *
     * @param path dot-separated property names
     * @return the boolean
     */
    public boolean bool(String path) {
        JsonValue value = value(path);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new AssertionError("'" + path + "' is " + value + ", not a boolean. " + this);
    }

    /**
     * An array of strings.
     *
     * @param path dot-separated property names
     * @return the strings, in order
     */
    public List<String> strings(String path) {
        if (value(path) instanceof JsonArray array) {
            return array.stream().map(element -> element instanceof JsonString string ? string.getString()
                    : element.toString()).toList();
        }
        throw new AssertionError("'" + path + "' is " + value(path) + ", not an array. " + this);
    }

    /**
     * What each connection received before its marker, as the scripts' {@code callsBeforeMarkers} records it: an
     * object of arrays of formatted calls, such as {@code {"a":["receive(hi)"],"b":[]}}.
     *
     * @param path dot-separated property names of the object
     * @return connection name to its calls, sorted by name
     */
    public Map<String, List<String>> callsByConnection(String path) {
        if (!(value(path) instanceof JsonObject object)) {
            throw new AssertionError("'" + path + "' is " + value(path) + ", not an object. " + this);
        }
        Map<String, List<String>> calls = new TreeMap<>();
        for (String connection : object.keySet()) {
            calls.put(connection, strings(path + "." + connection));
        }
        return calls;
    }

    /**
     * A map sorted by connection name, to compare with {@link #callsByConnection}: failure messages then list both
     * in the same order.
     *
     * @param calls connection name to the calls it must have received
     * @return the same, sorted
     */
    public static Map<String, List<String>> sorted(Map<String, List<String>> calls) {
        return new TreeMap<>(calls);
    }

    /**
     * Parses JSON, for comparing a recorded object or array with an expected one.
     *
     * @param json the expected value, for example {@code {"name":"Ada"}}
     * @return the value
     */
    public static JsonValue json(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    @Override
    public String toString() {
        return script + " over " + transport + ", scenario '" + name + "' saw: " + seen;
    }
}
