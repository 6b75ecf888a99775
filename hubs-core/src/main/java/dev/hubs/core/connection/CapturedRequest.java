package dev.hubs.core.connection;

import dev.hubs.HubRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of the request that opened a transport. Transports capture it while the request is still
 * theirs to read; hub code may read it for as long as the connection lives, from any thread.
 *
 * <p>A server keeps one per open connection, and hub code rarely asks for all headers, so the headers are kept as
 * the container gave them, names and values side by side in one array: {@link #header(String)} looks a name up in
 * it ignoring case, and the map of {@link #headers()}, with lower-cased names, is built on first use.
 */
public final class CapturedRequest implements HubRequest {

    /** A request with nothing in it, for connections not opened over HTTP (tests). */
    public static final CapturedRequest EMPTY = new CapturedRequest(new String[0], Map.of(), Map.of(), null);

    /** The query parameter that carries the connection token: never handed to application code. */
    private static final String TOKEN_PARAMETER = "id";
    /**
     * Credentials are not handed to application code either: the {@code access_token} query parameter of the
     * JavaScript client and the {@code Authorization} header. The caller's identity is the connection's principal.
     */
    private static final String ACCESS_TOKEN_PARAMETER = "access_token";
    private static final String AUTHORIZATION_HEADER = "authorization";

    /** Header names and values, alternating, in the order received; a name appears once per value. */
    private final String[] headerPairs;
    private final Map<String, List<String>> queryParameters;
    private final Map<String, String> cookies;
    private final String remoteAddress;
    /** Built from {@link #headerPairs} on first use. */
    private volatile Map<String, List<String>> headers;

    /**
     * Captures a request.
     *
     * @param headers         header names to values (names are lower-cased here)
     * @param queryParameters query parameters to values ({@code id} is dropped here)
     * @param cookies         cookie names to values
     * @param remoteAddress   the client's address, or {@code null}
     */
    public CapturedRequest(Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
                           Map<String, String> cookies, String remoteAddress) {
        this(pairs(headers), queryParameters, cookies, remoteAddress);
    }

    /**
     * Captures a request from its headers as the container lists them.
     *
     * @param headerPairs     header names and values, alternating: each value with its name before it, in the order
     *                        received (the array is kept, not copied)
     * @param queryParameters query parameters to values ({@code id} is dropped here)
     * @param cookies         cookie names to values
     * @param remoteAddress   the client's address, or {@code null}
     */
    public CapturedRequest(String[] headerPairs, Map<String, List<String>> queryParameters,
                           Map<String, String> cookies, String remoteAddress) {
        if (headerPairs.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values must come in pairs");
        }
        this.headerPairs = headerPairs;
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

    private static String[] pairs(Map<String, List<String>> headers) {
        List<String> pairs = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> {
            pairs.add(name);
            pairs.add(value);
        }));
        return pairs.toArray(new String[0]);
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> current = headers;
        if (current == null) {
            Map<String, List<String>> lower = new LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                if (headerPairs[i + 1] != null && !AUTHORIZATION_HEADER.equalsIgnoreCase(headerPairs[i])) {
                    lower.computeIfAbsent(headerPairs[i].toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                            .add(headerPairs[i + 1]);
                }
            }
            Map<String, List<String>> copy = new LinkedHashMap<>();
            lower.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            current = Map.copyOf(copy);
            headers = current; // a race builds equal maps: either may stay
        }
        return current;
    }

    @Override
    public Optional<String> header(String name) {
        for (int i = 0; i < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] != null && headerPairs[i].equalsIgnoreCase(name)
                    && !AUTHORIZATION_HEADER.equalsIgnoreCase(name)) {
                return Optional.of(headerPairs[i + 1]);
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
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

    @Override
    public String toString() {
        return "CapturedRequest[" + headers().size() + " header(s), " + queryParameters.keySet() + "]";
    }
}
