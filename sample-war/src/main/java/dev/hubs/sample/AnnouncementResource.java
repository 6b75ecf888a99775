package dev.hubs.sample;

import dev.hubs.HubContext;
import dev.hubs.HubException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Announcements pushed to every chat page from outside the hub: the SignalR tutorials' "call client methods from
 * outside the hub", here a Jakarta REST endpoint that reaches the hub's clients through
 * {@code @Inject HubContext<ChatHub>}.
 *
 * <pre>
 * POST /api/announcements
 * Content-Type: application/json
 *
 * {"text": "The server restarts at noon"}
 * </pre>
 *
 * <p>Who may announce: any signed-in user (the demonstration users ada and grace, signed in through the form login,
 * whose cookie comes with the request); anonymous requests get 403. A real application would name a role
 * ({@code @RolesAllowed("announcer")}, mapped to a group of its user registry). The endpoint takes only
 * {@code application/json}, which a form of another site cannot send and a script of another site cannot send
 * without a CORS preflight that this server does not allow: a signed-in user's cookie cannot be used by another
 * site to announce.
 *
 * <p>Answers: 204 once the announcement is queued for every connected page; 400 for a missing, blank or too long
 * text (the message says which); 403 without a signed-in user; 415 for another content type.
 */
@Path("/announcements")
@RequestScoped
public class AnnouncementResource {

    /** How long the request waits for the announcement to be queued for every page. */
    private static final long SEND_TIMEOUT_SECONDS = 10;

    @Inject
    HubContext<ChatHub> chat;

    /**
     * Announces a text to every connected page, signed with the caller's name.
     *
     * @param announcement the body
     * @param security     who is calling
     * @return 204, or the error
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response announce(Announcement announcement, @Context SecurityContext security) {
        Principal user = security.getUserPrincipal();
        if (user == null) {
            return plain(Response.Status.FORBIDDEN, "Sign in to make announcements.");
        }
        String text;
        try {
            text = ChatRules.message(announcement == null ? null : announcement.text());
        } catch (HubException e) {
            return plain(Response.Status.BAD_REQUEST, e.getMessage());
        }
        try {
            chat.clients(ChatClient.class).all().announcement(user.getName(), text)
                    .toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return plain(Response.Status.SERVICE_UNAVAILABLE, "Interrupted while announcing.");
        } catch (ExecutionException | TimeoutException e) {
            return plain(Response.Status.SERVICE_UNAVAILABLE, "The announcement could not be sent.");
        }
        return Response.noContent().build();
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
