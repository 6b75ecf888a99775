package dev.hubs.core.security;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a connection belongs to, as the container established it when the connection was negotiated or opened.
 * Requests that come later for the same connection (polls, sends, the event stream, the WebSocket of a negotiated
 * connection) never replace it: they must prove the same identity.
 *
 * @param principal           the authenticated caller, or {@code null} for an anonymous connection
 * @param roles               the roles the caller has among those the hub's annotations name, decided by the
 *                            container at the time (they cannot be asked again later: WebSocket messages and
 *                            long polls are not requests the container authorizes)
 * @param expiresAt           when the credential that authenticated the caller expires, or {@code null} when
 *                            unknown
 * @param credentialDigest    a digest of the bearer token the container accepted for the caller, or {@code null}:
 *                            lets a later request that can only carry the token in its query (a browser's
 *                            WebSocket or event stream) prove that it is the same caller without the token being
 *                            validated a second time
 */
public record ConnectionIdentity(Principal principal, Set<String> roles, Instant expiresAt,
                                 String credentialDigest) {

    /** An anonymous caller. */
    public static final ConnectionIdentity ANONYMOUS = new ConnectionIdentity(null, Set.of(), null, null);

    /**
     * Copies the roles.
     */
    public ConnectionIdentity {
        roles = Set.copyOf(roles);
    }

    /**
     * An identity known only by its principal, with no roles.
     *
     * @param principal the principal, or {@code null}
     * @return the identity
     */
    public static ConnectionIdentity of(Principal principal) {
        return principal == null ? ANONYMOUS : new ConnectionIdentity(principal, Set.of(), null, null);
    }

    /**
     * Whether the caller is authenticated.
     *
     * @return {@code true} when there is a principal
     */
    public boolean authenticated() {
        return principal != null;
    }

    /**
     * The principal.
     *
     * @return the principal, empty when anonymous
     */
    public Optional<Principal> principalIfAny() {
        return Optional.ofNullable(principal);
    }

    /**
     * The name that identifies the caller across requests.
     *
     * @return the principal's name, or {@code null} when anonymous
     */
    public String name() {
        return principal == null ? null : principal.getName();
    }

    /**
     * Whether another identity is the same caller: both anonymous, or principals of the same name.
     *
     * @param other the identity of a later request
     * @return whether it is the same caller
     */
    public boolean sameCaller(ConnectionIdentity other) {
        return Objects.equals(name(), other.name());
    }

    /**
     * Whether the credential had expired at a given time.
     *
     * @param now the time
     * @return {@code true} when an expiry is known and has passed
     */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
