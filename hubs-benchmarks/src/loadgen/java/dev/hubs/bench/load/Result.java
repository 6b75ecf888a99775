package dev.hubs.bench.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one scenario run: its parameters and figures, as an ordered set of named values written to the
 * results file. Figures are plain numbers in the units their names say.
 */
public final class Result {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Starts a result.
     *
     * @param scenario the scenario name, for example {@code echo}
     * @param target   the target
     */
    public Result(String scenario, Target target) {
        values.put("scenario", scenario);
        values.put("target", target.id());
        values.put("system", target.system());
        values.put("transport", target.transport());
    }

    /**
     * Sets a value.
     *
     * @param name  its name
     * @param value a number, string, boolean or nested {@code Result}/{@code Map}
     * @return this
     */
    public Result put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /**
     * Adds the percentiles of a latency histogram recorded in nanoseconds, in microseconds.
     *
     * @param prefix   the name prefix, for example {@code latency}
     * @param latency  the histogram
     * @return this
     */
    public Result latency(String prefix, Histogram latency) {
        if (latency.getTotalCount() == 0) {
            return this;
        }
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("count", latency.getTotalCount());
        l.put("meanMicros", latency.getMean() / 1000.0);
        l.put("p50Micros", latency.getValueAtPercentile(50) / 1000.0);
        l.put("p90Micros", latency.getValueAtPercentile(90) / 1000.0);
        l.put("p99Micros", latency.getValueAtPercentile(99) / 1000.0);
        l.put("p999Micros", latency.getValueAtPercentile(99.9) / 1000.0);
        l.put("maxMicros", latency.getMaxValue() / 1000.0);
        values.put(prefix, l);
        return this;
    }

    /**
     * A value.
     *
     * @param name its name
     * @return the value, or {@code null}
     */
    public Object get(String name) {
        return values.get(name);
    }

    /**
     * A number.
     *
     * @param name its name
     * @return the value, NaN when absent
     */
    public double number(String name) {
        Object value = values.get(name);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * As JSON.
     *
     * @return the object
     */
    public JsonObject toJson() {
        return object(values);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject object(Map<String, Object> map) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        map.forEach((name, value) -> {
            if (value == null) {
                builder.addNull(name);
            } else if (value instanceof Integer || value instanceof Long) {
                builder.add(name, ((Number) value).longValue());
            } else if (value instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    builder.addNull(name);
                } else {
                    builder.add(name, Math.round(d * 1000) / 1000.0);
                }
            } else if (value instanceof Boolean b) {
                builder.add(name, b);
            } else if (value instanceof Map<?, ?> m) {
                builder.add(name, object((Map<String, Object>) m));
            } else if (value instanceof Result r) {
                builder.add(name, r.toJson());
            } else if (value instanceof java.util.List<?> list) {
                var array = Json.createArrayBuilder();
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m) {
                        array.add(object((Map<String, Object>) m));
                    } else {
                        array.add(String.valueOf(item));
                    }
                }
                builder.add(name, array);
            } else {
                builder.add(name, value.toString());
            }
        });
        return builder.build();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
