package dev.hubs.sample;

import dev.hubs.ClientProxy;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import jakarta.inject.Inject;

import java.security.Principal;

/**
 * The chat hub of the SignalR tutorials: whatever one client sends, every connected client receives.
 *
 * <p>Browsers connect to {@code /chathub} (relative to the context root) with the official
 * {@code @microsoft/signalr} client, call {@code connection.invoke("send", name, message)}, and handle
 * {@code connection.on("addNewMessageToPage", (name, message) => ...)}. Because {@link Hub @Hub} is a
 * bean-defining stereotype and the Hubs CDI extension sits in {@code WEB-INF/lib}, this class is all the server
 * side there is: no {@code beans.xml}, {@code web.xml} or listener.
 *
 * <p>Like every hub this is transient (one instance per invocation), so it keeps no state: a chat history would
 * live in an application-scoped bean.
 *
 * <p>Anyone may chat under a name of their choice; a user who signed in (the page's "Sign in" link, form login
 * against the server's user registry) chats under the name the server knows, whatever the page sends.
 */
@Hub("/chathub")
public class ChatHub {

    // Untyped proxies: the client method is named by a string, as in the JavaScript tutorial.
    @Inject
    HubCallerClients<ClientProxy> clients;

    @Inject
    HubCallerContext context;

    /**
     * The name of the signed-in user, which the page shows instead of asking for a name.
     *
     * @return the user's name, or an empty string for an anonymous visitor
     */
    public String userName() {
        return context.principal().map(Principal::getName).orElse("");
    }

    /**
     * Broadcasts a message to everybody connected to the hub, the sender included (the sender's page shows its own
     * message only once the server has relayed it, which doubles as a delivery check).
     *
     * @param name    the sender's display name, as typed by the user; a signed-in user's own name replaces it
     * @param message the text of the message
     */
    public void send(String name, String message) {
        // A signed-in user cannot pose as someone else: the name comes from the connection, not from the page.
        String sender = context.principal().map(Principal::getName).orElse(name);
        // Fire and forget: the returned stage only says the message was queued for every connection, and a slow
        // client must not hold up the caller's completion.
        clients.all().send("addNewMessageToPage", sender, message);
    }
}
