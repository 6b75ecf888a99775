package dev.hubs.spi;

import dev.hubs.HubRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * Decides the user id of a connection, used by {@link dev.hubs.HubClients#user(String)} and
 * {@link dev.hubs.HubCallerContext#userId()}. It is asked once per connection, when the connection has completed
 * its handshake.
 *
 * <p>The default gives the name of the authenticated principal. To change it, provide an application-scoped CDI
 * bean implementing this interface, for example to take a claim of a token instead of the name:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class EmailUserIdProvider implements UserIdProvider {
 *     public Optional<String> userId(Principal principal, HubRequest request) {
 *         return principal instanceof JsonWebToken jwt ? Optional.ofNullable(jwt.getClaim("email")) : Optional.empty();
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface UserIdProvider {

    /**
     * Gives the user id of a connection.
     *
     * @param principal the authenticated principal of the connection, or {@code null} when it is anonymous
     * @param request   the request that opened the connection's transport
     * @return the user id, empty when the connection has no user
     */
    Optional<String> userId(Principal principal, HubRequest request);

    /**
     * The default: the principal's name, and no user when the connection is anonymous.
     *
     * @return the default provider
     */
    static UserIdProvider principalName() {
        return (principal, request) -> principal == null ? Optional.empty() : Optional.ofNullable(principal.getName());
    }
}
