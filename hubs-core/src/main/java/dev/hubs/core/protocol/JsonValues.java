package dev.hubs.core.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Converts between JSON values and Java objects for arguments, results and stream items.
 *
 * <p>Strings, numbers, booleans and {@code null} take a direct path, since they are most of what hubs exchange and
 * JSON-B's machinery costs far more than they do; everything else (records, beans, lists, maps, dates ...) goes
 * through the application's {@link Jsonb}, so that JSON-B annotations and adapters apply as users expect.
 */
public final class JsonValues {

    /** The most digits an argument read as {@link BigInteger} may have. */
    static final int MAX_INTEGER_DIGITS = 4096;

    private final Jsonb jsonb;

    /**
     * Creates a converter.
     *
     * @param jsonb the JSON-B instance to use for everything that is not a simple value
     */
    public JsonValues(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * Converts a JSON value to the given type.
     *
     * @param value the value
     * @param type  the target type
     * @return the converted object
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public Object fromJson(JsonValue value, Type type) {
        JsonValue.ValueType kind = value.getValueType();
        if (kind == JsonValue.ValueType.NULL) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new IllegalArgumentException("null cannot be converted to " + c.getName());
            }
            return null;
        }
        if (type == String.class && kind == JsonValue.ValueType.STRING) {
            return ((JsonString) value).getString();
        }
        if (kind == JsonValue.ValueType.NUMBER) {
            Object number = number((JsonNumber) value, type);
            if (number != null) {
                return number;
            }
        }
        if ((type == boolean.class || type == Boolean.class)
                && (kind == JsonValue.ValueType.TRUE || kind == JsonValue.ValueType.FALSE)) {
            return kind == JsonValue.ValueType.TRUE;
        }
        try {
            return jsonb.fromJson(value.toString(), type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot convert " + kind + " to " + type.getTypeName(), e);
        }
    }

    private static Object number(JsonNumber value, Type type) {
        if (type == int.class || type == Integer.class) {
            return value.bigDecimalValue().intValueExact();
        }
        if (type == long.class || type == Long.class) {
            return value.bigDecimalValue().longValueExact();
        }
        if (type == double.class || type == Double.class) {
            return value.doubleValue();
        }
        if (type == float.class || type == Float.class) {
            return (float) value.doubleValue();
        }
        if (type == short.class || type == Short.class) {
            return value.bigDecimalValue().shortValueExact();
        }
        if (type == byte.class || type == Byte.class) {
            return value.bigDecimalValue().byteValueExact();
        }
        if (type == BigDecimal.class) {
            return value.bigDecimalValue();
        }
        if (type == BigInteger.class) {
            BigDecimal decimal = value.bigDecimalValue();
            // 1e999999999 is a few bytes of JSON but a BigInteger of 400 MB: a client must not choose that.
            if ((long) decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
                throw new IllegalArgumentException("An integer of more than " + MAX_INTEGER_DIGITS
                        + " digits is not accepted");
            }
            return decimal.toBigIntegerExact();
        }
        return null;
    }

    /**
     * Appends the JSON form of a value.
     *
     * @param out   where to write
     * @param value the value, may be {@code null}
     */
    public void appendJson(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            JsonText.appendString(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof JsonValue json) {
            out.append(json);
        } else {
            out.append(jsonb.toJson(value));
        }
    }
}
