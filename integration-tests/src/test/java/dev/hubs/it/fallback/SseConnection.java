package dev.hubs.it.fallback;

import jakarta.json.JsonObject;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Server-Sent Events connection driven by hand: negotiate, the event stream (GET with
 * {@code Accept: text/event-stream}), the handshake by POST, invocations by POST and their answers as events.
 */
final class SseConnection implements AutoCloseable {

    private final HubHttp http;
    private final String token;
    private final EventStream stream;
    private final Deque<String> unread = new ArrayDeque<>();

    private SseConnection(HubHttp http, String token, EventStream stream) {
        this.http = http;
        this.token = token;
        this.stream = stream;
    }

    /** Negotiates and opens the event stream, which must be a 200 text/event-stream; no handshake yet. */
    static SseConnection open(HubHttp http) {
        String token = http.negotiateToken();
        HttpResponse<java.io.InputStream> response = http.getEventStream(query(token));
        EventStream stream = new EventStream(response);
        SseConnection connection = new SseConnection(http, token, stream);
        if (response.statusCode() != 200) {
            stream.close();
            throw new AssertionError("The event stream answered " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/event-stream"), "Content-Type of the event stream: " + type);
        return connection;
    }

    /** Opens the stream and completes the handshake. */
    static SseConnection connect(HubHttp http) {
        SseConnection connection = open(http);
        HttpResponse<String> sent = connection.send(Records.HANDSHAKE);
        assertEquals(200, sent.statusCode(), () -> "The handshake POST: " + HubHttp.describe(sent));
        assertEquals("{}", connection.nextRecord(), "The handshake response");
        return connection;
    }

    private static String query(String token) {
        return "id=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    String token() {
        return token;
    }

    String query() {
        return query(token);
    }

    EventStream stream() {
        return stream;
    }

    HttpResponse<String> send(String records) {
        return http.post(query(), records);
    }

    /** The next record, from the next event when the previous ones are used up. */
    String nextRecord() {
        while (unread.isEmpty()) {
            unread.addAll(Records.split(stream.nextEvent()));
        }
        return unread.removeFirst();
    }

    /** Invokes a hub method and returns its Completion; records that arrive before it are kept (Pings dropped). */
    JsonObject invoke(String invocationId, String target, Object... arguments) {
        HttpResponse<String> sent = send(Records.invocation(invocationId, target, arguments));
        assertEquals(200, sent.statusCode(), () -> "POST of an invocation: " + HubHttp.describe(sent));
        return completion(invocationId);
    }

    /** Waits for the Completion of an invocation sent before. */
    JsonObject completion(String invocationId) {
        List<String> before = new ArrayList<>();
        while (true) {
            String record = nextRecord();
            JsonObject message = Records.parse(record);
            if (message.getInt("type", -1) == 3 && invocationId.equals(message.getString("invocationId", null))) {
                unread.addAll(before);
                return message;
            }
            if (message.getInt("type", -1) != 6) {
                before.add(record);
            }
        }
    }

    @Override
    public void close() {
        stream.close();
    }
}
