package dev.hubs.web;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * What a MicroProfile JWT principal tells beyond its name: its groups, which MicroProfile JWT maps to roles one to
 * one, and the expiry of its token. Only touched after {@link #AVAILABLE} said the API is there: a class that names
 * {@code JsonWebToken} cannot be loaded without it.
 */
final class JsonWebTokens {

    /** Whether the server offers MicroProfile JWT to the application. */
    static final boolean AVAILABLE = dev.hubs.cdi.OptionalApis.present("org.eclipse.microprofile.jwt.JsonWebToken");

    private JsonWebTokens() {
    }

    /**
     * The groups of a token principal.
     *
     * @param principal a principal
     * @return its groups, empty when it is not a JSON Web Token
     */
    static Set<String> groups(Principal principal) {
        if (principal instanceof JsonWebToken token) {
            Set<String> groups = token.getGroups();
            return groups == null ? Set.of() : groups;
        }
        return Set.of();
    }

    /**
     * When a token principal's token expires.
     *
     * @param principal a principal
     * @return its {@code exp}, or {@code null} when it is not a JSON Web Token or has none
     */
    static Instant expiry(Principal principal) {
        if (principal instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            return Instant.ofEpochSecond(token.getExpirationTime());
        }
        return null;
    }
}
