package dev.hubs.it.security;

import dev.hubs.Hub;
import dev.hubs.HubCallerContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import java.security.Principal;

/**
 * A hub anyone may use, with one method for administrators. Its WARs allow the origin {@link #ALLOWED_ORIGIN}.
 */
@Hub("/open")
public class OpenHub {

    /** The one foreign origin the test WARs allow for this hub. */
    public static final String ALLOWED_ORIGIN = "http://app.hubs.test:8443";
    /** The option that allows it. */
    public static final String CONFIG = "hubs.OpenHub.allowed-origins=" + ALLOWED_ORIGIN;

    @Inject
    HubCallerContext context;

    /**
     * The caller's name.
     *
     * @return the principal's name, or {@code anonymous}
     */
    public String whoAmI() {
        return context.principal().map(Principal::getName).orElse("anonymous");
    }

    /**
     * For administrators only.
     *
     * @return a fixed text
     */
    @RolesAllowed("admin")
    public String admin() {
        return "admin done";
    }
}
