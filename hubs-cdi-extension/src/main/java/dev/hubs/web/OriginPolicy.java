package dev.hubs.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may use a hub, checked on every request to it: negotiate, the WebSocket upgrade, the event
 * stream, polls, sends. Browsers attach {@code Origin} to WebSocket upgrades and cross-origin requests and it cannot
 * be forged by a page, so refusing foreign origins stops cross-site WebSocket hijacking (a page of another site
 * opening a WebSocket with the visitor's cookies), which CORS does not cover.
 *
 * <ul>
 *   <li>No {@code Origin} header: a program, not a page (the Java client, Node): allowed.</li>
 *   <li>The hub's own origin (the {@code Origin}'s host and port are the request's {@code Host}): allowed.</li>
 *   <li>An origin of the hub's {@code allowed-origins} option, or any with {@code *}: allowed, with CORS answers
 *       that let the page read responses and send credentials.</li>
 *   <li>Anything else, {@code null} included: 403.</li>
 * </ul>
 */
final class OriginPolicy {

    /** The outcome for one request. */
    enum Verdict {
        /** No {@code Origin} header. */
        NO_ORIGIN,
        /** The request comes from a page of the hub's own origin. */
        SAME_ORIGIN,
        /** A page of another origin the hub allows: answer with CORS headers. */
        ALLOWED_CROSS_ORIGIN,
        /** A page of another origin: refuse. */
        REFUSED
    }

    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    /** Browsers may cache a preflight answer this long (seconds). */
    private static final String PREFLIGHT_MAX_AGE = "600";

    private final List<String> allowed;
    private final boolean any;

    /**
     * Creates the policy of a hub.
     *
     * @param allowed origins allowed besides the hub's own (lower case), or {@code *} alone
     */
    OriginPolicy(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
        this.any = allowed.contains("*");
    }

    Verdict check(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return Verdict.NO_ORIGIN;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (sameOrigin(normalized, request)) {
            return Verdict.SAME_ORIGIN;
        }
        if (!normalized.equals("null") && (any || allowed.contains(normalized))) {
            return Verdict.ALLOWED_CROSS_ORIGIN;
        }
        return Verdict.REFUSED;
    }

    /**
     * Lets a page of an allowed origin read the response and send credentials (cookies, Authorization).
     */
    void addCorsHeaders(HttpServletRequest request, HttpServletResponse response) {
        // The origin is echoed, never "*": "*" does not allow credentials.
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.addHeader("Vary", "Origin");
    }

    /**
     * Answers a CORS preflight of an allowed origin.
     */
    void preflight(HttpServletRequest request, HttpServletResponse response) {
        addCorsHeaders(request, response);
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null && !headers.isBlank()) {
            // The official clients send Authorization, Content-Type, X-Requested-With and X-SignalR-User-Agent.
            response.setHeader("Access-Control-Allow-Headers", headers);
        }
        response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /**
     * Same origin by host and port: the {@code Origin}'s authority (without its scheme's default port) against the
     * {@code Host} header (without the request scheme's default port). The schemes are not compared, so a server
     * behind a proxy that ends TLS still recognises its own pages.
     */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        int separator = origin.indexOf("://");
        if (host == null || separator < 0) {
            return false;
        }
        String originAuthority = withoutDefaultPort(origin.substring(0, separator), origin.substring(separator + 3));
        String requestAuthority = withoutDefaultPort(request.getScheme(), host.trim().toLowerCase(Locale.ROOT));
        return originAuthority.equals(requestAuthority);
    }

    private static String withoutDefaultPort(String scheme, String authority) {
        String defaultPort = switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> ":80";
            case "https", "wss" -> ":443";
            default -> null;
        };
        return defaultPort != null && authority.endsWith(defaultPort)
                ? authority.substring(0, authority.length() - defaultPort.length()) : authority;
    }
}
