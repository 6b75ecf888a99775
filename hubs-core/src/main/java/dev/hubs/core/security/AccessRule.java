package dev.hubs.core.security;

import java.util.Set;

/**
 * What one of the standard annotations asks of a caller: {@code @PermitAll} (or no annotation), {@code @DenyAll},
 * or {@code @RolesAllowed} with its roles.
 *
 * @param denyAll whether nobody may call
 * @param roles   the roles of which the caller must have one; empty when anyone may call
 */
public record AccessRule(boolean denyAll, Set<String> roles) {

    /** Anyone may call, authenticated or not. */
    public static final AccessRule PERMIT_ALL = new AccessRule(false, Set.of());

    /** Nobody may call. */
    public static final AccessRule DENY_ALL = new AccessRule(true, Set.of());

    /**
     * Copies the roles.
     */
    public AccessRule {
        roles = Set.copyOf(roles);
    }

    /**
     * A rule that asks for one of some roles.
     *
     * @param roles the roles
     * @return the rule
     */
    public static AccessRule rolesAllowed(Set<String> roles) {
        return new AccessRule(false, roles);
    }

    /**
     * Whether the rule lets anyone through.
     *
     * @return {@code true} for {@code @PermitAll} and for no annotation
     */
    public boolean permitsAll() {
        return !denyAll && roles.isEmpty();
    }

    /**
     * Applies the rule to a caller.
     *
     * @param identity the caller
     * @return the decision
     */
    public AccessDecision decide(ConnectionIdentity identity) {
        if (permitsAll()) {
            return AccessDecision.ALLOWED;
        }
        if (denyAll) {
            // As with @DenyAll on a servlet: an anonymous caller is asked to authenticate first.
            return identity.authenticated() ? AccessDecision.FORBIDDEN : AccessDecision.UNAUTHENTICATED;
        }
        if (!identity.authenticated()) {
            return AccessDecision.UNAUTHENTICATED;
        }
        for (String role : roles) {
            if (identity.roles().contains(role)) {
                return AccessDecision.ALLOWED;
            }
        }
        return AccessDecision.FORBIDDEN;
    }
}
