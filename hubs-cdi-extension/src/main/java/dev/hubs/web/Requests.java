package dev.hubs.web;

import dev.hubs.core.connection.CapturedRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Enumeration;
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
        List<String> headers = new ArrayList<>();
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                headers.add(name);
                headers.add(values.nextElement());
            }
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
        return new CapturedRequest(headers.toArray(new String[0]), query, cookies, request.getRemoteAddr());
    }
}
