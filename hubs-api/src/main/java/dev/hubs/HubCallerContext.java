package dev.hubs;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * What a hub knows of the connection that made the current invocation.
 *
 * <pre>{@code
 * @Inject HubCallerContext context;
 *
 * public String whoAmI() {
 *     return context.connectionId();
 * }
 * }</pre>
 *
 * <p>An injected instance belongs to the invocation it was created for and stays valid in asynchronous code.
 */
public interface HubCallerContext {

    /**
     * The public id of the connection, the {@code connectionId} of SignalR's negotiate response. Other clients may
     * know it (it is how one client addresses another); it is never the secret connection token.
     *
     * @return the connection id
     */
    String connectionId();

    /**
     * The user of the connection, as given by the server's {@link dev.hubs.spi.UserIdProvider}.
     *
     * @return the user id, empty for an anonymous connection
     */
    Optional<String> userId();

    /**
     * The authenticated principal of the request that made the connection (negotiate, or the WebSocket request of a
     * client that skips negotiation), as the server's security established it: a MicroProfile JWT
     * {@code JsonWebToken}, a Jakarta Security caller ... It stays the same for the connection's life, on every
     * transport: each later request of the connection (polls, sends, the event stream) must come from the same user
     * or is refused. See {@code docs/security.md}.
     *
     * @return the principal, empty for an anonymous connection
     */
    Optional<Principal> principal();

    /**
     * The name of the transport carrying the connection, as SignalR names it: {@code WebSockets},
     * {@code ServerSentEvents} or {@code LongPolling}.
     *
     * @return the transport name
     */
    String transport();

    /**
     * The HTTP request that opened the connection's transport: headers, query parameters, cookies.
     *
     * @return the connecting request
     */
    HubRequest request();

    /**
     * A map that lives as long as the connection, for state of the application that belongs to it. The map is
     * safe for concurrent use.
     *
     * @return the connection's items
     */
    Map<Object, Object> items();

    /**
     * Closes the connection from the server side. The client sees the connection end; it is not told of an error.
     */
    void abort();
}
