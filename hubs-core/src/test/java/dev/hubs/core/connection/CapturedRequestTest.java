package dev.hubs.core.connection;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapturedRequestTest {

    private static final String[] PAIRS = {
            "Host", "example.org",
            "X-Trace", "first",
            "Accept", "text/plain",
            "x-trace", "second",
    };

    private final CapturedRequest request = new CapturedRequest(PAIRS.clone(),
            Map.of("id", List.of("secret-token"), "room", List.of("blue", "green")),
            Map.of("session", "abc"), "127.0.0.1");

    @Test
    void aHeaderIsFoundIgnoringCaseWithItsFirstValue() {
        assertEquals(Optional.of("example.org"), request.header("host"));
        assertEquals(Optional.of("first"), request.header("X-TRACE"));
        assertEquals(Optional.empty(), request.header("Cookie"));
    }

    @Test
    void headersAreLowerCasedWithEveryValueInOrder() {
        assertEquals(Map.of("host", List.of("example.org"), "x-trace", List.of("first", "second"),
                "accept", List.of("text/plain")), request.headers());
        assertSame(request.headers(), request.headers(), "built once");
        assertThrows(UnsupportedOperationException.class, () -> request.headers().put("a", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> request.headers().get("x-trace").add("third"));
    }

    @Test
    void fromAMapAsBefore() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("example.org"));
        headers.put("X-Trace", List.of("first"));
        headers.put("x-trace", List.of("second"));
        CapturedRequest fromMap = new CapturedRequest(headers, Map.of(), Map.of(), null);

        assertEquals(Map.of("host", List.of("example.org"), "x-trace", List.of("first", "second")),
                fromMap.headers());
        assertEquals(Optional.of("first"), fromMap.header("x-trace"));
        assertEquals(Optional.empty(), fromMap.remoteAddress());
    }

    @Test
    void theConnectionTokenIsNeverAQueryParameter() {
        assertEquals(Map.of("room", List.of("blue", "green")), request.queryParameters());
        assertEquals(Optional.empty(), request.queryParameter("id"));
        assertEquals(Optional.of("blue"), request.queryParameter("room"));
    }

    @Test
    void cookiesAndAddress() {
        assertEquals(Optional.of("abc"), request.cookie("session"));
        assertEquals(Optional.empty(), request.cookie("other"));
        assertEquals(Optional.of("127.0.0.1"), request.remoteAddress());
    }

    @Test
    void headerNamesAndValuesComeInPairs() {
        assertThrows(IllegalArgumentException.class,
                () -> new CapturedRequest(new String[]{"Host"}, Map.of(), Map.of(), null));
    }

    @Test
    void theEmptyRequestHasNothing() {
        assertEquals(Map.of(), CapturedRequest.EMPTY.headers());
        assertEquals(Optional.empty(), CapturedRequest.EMPTY.header("Host"));
        assertEquals(Map.of(), CapturedRequest.EMPTY.queryParameters());
    }
}
