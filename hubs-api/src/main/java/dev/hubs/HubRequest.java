package dev.hubs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request that opened a connection's transport (for WebSockets, the upgrade request), as it was then.
 *
 * <p>Header names are matched case-insensitively. The {@code id} query parameter, which carries the secret
 * connection token, is left out.
 */
public interface HubRequest {

    /**
     * All headers.
     *
     * @return header names to their values, names in lower case
     */
    Map<String, List<String>> headers();

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, if the header was present
     */
    Optional<String> header(String name);

    /**
     * All query parameters, except {@code id}.
     *
     * @return parameter names to their values
     */
    Map<String, List<String>> queryParameters();

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name
     * @return the value, if present
     */
    Optional<String> queryParameter(String name);

    /**
     * All cookies.
     *
     * @return cookie names to their values
     */
    Map<String, String> cookies();

    /**
     * The value of a cookie.
     *
     * @param name the cookie name
     * @return the value, if present
     */
    Optional<String> cookie(String name);

    /**
     * The address of the client, as the server saw it.
     *
     * @return the remote address, if known
     */
    Optional<String> remoteAddress();
}
