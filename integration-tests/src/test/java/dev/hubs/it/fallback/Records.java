package dev.hubs.it.fallback;

import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** Records of SignalR's JSON hub protocol, written and read by hand. */
final class Records {

    /** The record separator. */
    static final String RS = String.valueOf(RawConnection.RS);

    /** The handshake request of the JSON protocol, separator included. */
    static final String HANDSHAKE = RawHub.JSON_HANDSHAKE;

    private Records() {
    }

    /** An Invocation record (type 1) with string arguments, separator included. */
    static String invocation(String invocationId, String target, Object... arguments) {
        JsonArrayBuilder args = Json.createArrayBuilder();
        for (Object argument : arguments) {
            if (argument instanceof Integer number) {
                args.add(number);
            } else {
                args.add(String.valueOf(argument));
            }
        }
        return Json.createObjectBuilder()
                .add("type", 1)
                .add("invocationId", invocationId)
                .add("target", target)
                .add("arguments", args)
                .build() + RS;
    }

    /** The Close record a client sends when it stops. */
    static String close() {
        return "{\"type\":7}" + RS;
    }

    /**
     * Splits text into records; every record must end with a separator.
     *
     * @param text a poll response, an SSE event's data, a POST body
     * @return the records without separators
     */
    static List<String> split(String text) {
        if (!text.isEmpty() && !text.endsWith(RS)) {
            throw new AssertionError("Records must end with the record separator: " + printable(text));
        }
        List<String> records = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = text.indexOf(RS, start)) >= 0) {
            records.add(text.substring(start, end));
            start = end + 1;
        }
        return records;
    }

    /** Parses a record. */
    static JsonObject parse(String record) {
        return RawHub.parse(record);
    }

    /** Whether a record is a Ping (type 6). */
    static boolean isPing(String record) {
        return parse(record).getInt("type", -1) == 6;
    }

    /** Shows separators as {@code <RS>}. */
    static String printable(String text) {
        return text.replace(RS, "<RS>");
    }
}
