package dev.hubs.web;

import dev.hubs.core.connection.CapturedRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies what hub code may read of a servlet request, while the request is still valid.
 */
public final class Requests {

    private Requests() {
    }

    /**
     * Captures a request.
     *
     * @param request the servlet request
     * @return the immutable copy
     */
    public static CapturedRequest capture(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
        Map<String, String> cookies = new LinkedHashMap<>();
        Cookie[] sent = request.getCookies();
        if (sent != null) {
            for (Cookie cookie : sent) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        return new CapturedRequest(headers, query, cookies, request.getRemoteAddr());
    }
}
