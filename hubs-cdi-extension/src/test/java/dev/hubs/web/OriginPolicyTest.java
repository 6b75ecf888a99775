package dev.hubs.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OriginPolicyTest {

    /** A request with some headers and a scheme; every other method is unused by the policy. */
    private static HttpServletRequest request(String scheme, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(OriginPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getScheme" -> scheme;
                    case "getMethod" -> "POST";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletRequest from(String origin, String host) {
        Map<String, String> headers = new HashMap<>();
        if (origin != null) {
            headers.put("Origin", origin);
        }
        headers.put("Host", host);
        return request("http", headers);
    }

    /** A response that records its headers and status. */
    private static HttpServletResponse response(Map<String, String> headers, int[] status) {
        return (HttpServletResponse) Proxy.newProxyInstance(OriginPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader", "addHeader" -> headers.merge((String) args[0], (String) args[1],
                                (a, b) -> a + ", " + b);
                        case "setStatus" -> status[0] = (Integer) args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    @Test
    void programsAndTheHubsOwnPagesAreAllowed() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertEquals(OriginPolicy.Verdict.NO_ORIGIN, policy.check(from(null, "chat.example.com")));
        assertEquals(OriginPolicy.Verdict.SAME_ORIGIN,
                policy.check(from("http://chat.example.com", "chat.example.com")));
        assertEquals(OriginPolicy.Verdict.SAME_ORIGIN,
                policy.check(from("http://localhost:9080", "localhost:9080")));
        assertEquals(OriginPolicy.Verdict.SAME_ORIGIN,
                policy.check(from("https://chat.example.com", "chat.example.com")), "TLS ended by a proxy");
        assertEquals(OriginPolicy.Verdict.SAME_ORIGIN,
                policy.check(from("http://chat.example.com", "chat.example.com:80")), "default port");
    }

    @Test
    void otherOriginsAreRefusedUnlessListed() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
        assertEquals(OriginPolicy.Verdict.REFUSED, policy.check(from("http://evil.example", "chat.example.com")));
        assertEquals(OriginPolicy.Verdict.REFUSED,
                policy.check(from("http://chat.example.com:8080", "chat.example.com")), "another port");
        assertEquals(OriginPolicy.Verdict.REFUSED, policy.check(from("null", "chat.example.com")));
        assertEquals(OriginPolicy.Verdict.ALLOWED_CROSS_ORIGIN,
                policy.check(from("https://APP.example.com", "chat.example.com")));
        OriginPolicy any = new OriginPolicy(List.of("*"));
        assertEquals(OriginPolicy.Verdict.ALLOWED_CROSS_ORIGIN,
                any.check(from("http://evil.example", "chat.example.com")));
        assertEquals(OriginPolicy.Verdict.REFUSED, any.check(from("null", "chat.example.com")));
    }

    @Test
    void corsAnswersEchoTheOriginWithCredentials() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com"));
        Map<String, String> headers = new HashMap<>();
        int[] status = {0};
        HttpServletRequest preflight = request("http", Map.of("Origin", "https://app.example.com",
                "Host", "chat.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,x-signalr-user-agent"));
        policy.preflight(preflight, response(headers, status));
        assertEquals(204, status[0]);
        assertEquals("https://app.example.com", headers.get("Access-Control-Allow-Origin"));
        assertEquals("true", headers.get("Access-Control-Allow-Credentials"));
        assertEquals("Origin", headers.get("Vary"));
        assertEquals("GET, POST, DELETE", headers.get("Access-Control-Allow-Methods"));
        assertEquals("authorization,x-signalr-user-agent", headers.get("Access-Control-Allow-Headers"));
    }
}
