package dev.hubs.it.security;

import dev.hubs.ClientProxy;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import java.security.Principal;
import java.util.concurrent.CompletionStage;

/**
 * A hub for users in the role {@code chat} (the token's groups); one method for {@code admin} alone, one for nobody.
 */
@Hub("/secured")
@RolesAllowed("chat")
public class SecuredHub {

    @Inject
    HubCallerContext context;

    @Inject
    HubCallerClients<ClientProxy> clients;

    /**
     * The caller as the hub sees it.
     *
     * @return {@code principal-name/user-id/principal-type}
     */
    public String whoAmI() {
        return context.principal().map(Principal::getName).orElse("-") + "/" + context.userId().orElse("-")
                + "/" + context.principal().map(p -> p instanceof org.eclipse.microprofile.jwt.JsonWebToken
                ? "jwt" : "other").orElse("-");
    }

    /**
     * The transport of the caller's connection.
     *
     * @return its SignalR name
     */
    public String transport() {
        return context.transport();
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

    /** Nobody may call it. */
    @DenyAll
    public void denied() {
    }

    /**
     * Echoes.
     *
     * @param message anything
     * @return the message
     */
    public String echo(String message) {
        return message;
    }

    /**
     * Calls {@code receive(message)} on the caller.
     *
     * @param message the message
     * @return when it is queued
     */
    public CompletionStage<Void> sendCaller(String message) {
        return clients.caller().send("receive", message);
    }
}
