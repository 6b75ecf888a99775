package dev.hubs.core.protocol;

import jakarta.json.stream.JsonParser;

/**
 * Skips a JSON value a reader has no use for (an unknown property, ignored data).
 *
 * <p>{@link JsonParser#skipArray()} and {@link JsonParser#skipObject()} are not used: in Parsson, the JSON-P
 * implementation of Open Liberty (and up to 1.1.9, the newest release checked), both loop forever on input that ends
 * inside the array or object, so a client could hang a server thread with a truncated record such as
 * <code>{"x":[1,2</code>. Walking the events with {@link JsonParser#next()} instead fails on the truncation like every
 * other read does.
 */
final class JsonSkipping {

    private JsonSkipping() {
    }

    /**
     * Skips the rest of the value whose first event has just been read.
     *
     * @param parser the parser, positioned just after {@code event}
     * @param event  the value's first event; nothing more is read unless it starts an object or array
     */
    static void skipValue(JsonParser parser, JsonParser.Event event) {
        if (event != JsonParser.Event.START_OBJECT && event != JsonParser.Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            switch (parser.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // keys and scalar values inside the skipped value
                }
            }
        }
    }
}
