package dev.hubs.core.connection;

import dev.hubs.HubRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of the request that opened a transport. Transports capture it while the request is still
 * theirs to read; hub code may read it for as long as the connection lives, from any thread.
 */
public final class CapturedRequest implements HubRequest {

    /** A request with nothing in it, for connections not opened over HTTP (tests). */
    public static final CapturedRequest EMPTY = new CapturedRequest(Map.of(), Map.of(), Map.of(), null);

    /** The query parameter that carries the connection token: never handed to application code. */
    private static final String TOKEN_PARAMETER = "id";
    /**
     * Credentials are not handed to application code either: the {@code access_token} query parameter of the
     * JavaScript client and the {@code Authorization} header. The caller's identity is the connection's principal.
     */
    private static final String ACCESS_TOKEN_PARAMETER = "access_token";
    private static final String AUTHORIZATION_HEADER = "authorization";

    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> queryParameters;
    private final Map<String, String> cookies;
    private final String remoteAddress;

    /**
     * Captures a request.
     *
     * @param headers         header names to values (names are lower-cased here; {@code Authorization} is dropped)
     * @param queryParameters query parameters to values ({@code id} and {@code access_token} are dropped here)
     * @param cookies         cookie names to values
     * @param remoteAddress   the client's address, or {@code null}
     */
    public CapturedRequest(Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
                           Map<String, String> cookies, String remoteAddress) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (AUTHORIZATION_HEADER.equalsIgnoreCase(name)) {
                return;
            }
            lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                List<String> both = new java.util.ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        });
        this.headers = Map.copyOf(lower);
        Map<String, List<String>> query = new LinkedHashMap<>();
        queryParameters.forEach((name, values) -> {
            if (!TOKEN_PARAMETER.equals(name) && !ACCESS_TOKEN_PARAMETER.equals(name)) {
                query.put(name, List.copyOf(values));
            }
        });
        this.queryParameters = Map.copyOf(query);
        this.cookies = Map.copyOf(cookies);
        this.remoteAddress = remoteAddress;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public Optional<String> header(String name) {
        return first(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        return first(queryParameters.get(name));
    }

    @Override
    public Map<String, String> cookies() {
        return cookies;
    }

    @Override
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    @Override
    public Optional<String> remoteAddress() {
        return Optional.ofNullable(remoteAddress);
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public String toString() {
        return "CapturedRequest[" + headers.size() + " header(s), " + queryParameters.keySet() + "]";
    }
}
