package dev.hubs.spi;

import java.security.Principal;
import java.util.Optional;

/**
 * Decides the user id of a connection, used by {@link dev.hubs.HubClients#user(String)} and
 * {@link dev.hubs.HubCallerContext#userId()}.
 *
 * <p>The default gives the name of the authenticated principal. To change it, provide an application-scoped CDI
 * bean implementing this interface, for example to take a claim of a token instead of the name.
 */
@FunctionalInterface
public interface UserIdProvider {

    /**
     * Gives the user id of a connection opened by the given principal.
     *
     * @param principal the authenticated principal of the request that opened the connection, or {@code null}
     *                  for an anonymous request
     * @return the user id, empty when the connection has no user
     */
    Optional<String> userId(Principal principal);

    /**
     * The default: the principal's name, and no user when the request was anonymous.
     *
     * @return the default provider
     */
    static UserIdProvider principalName() {
        return principal -> principal == null ? Optional.empty() : Optional.ofNullable(principal.getName());
    }
}
