package dev.hubs;

/**
 * Reaches the clients of a hub from anywhere in the application: a Jakarta REST resource, a timer, an observer.
 *
 * <pre>{@code
 * @Inject HubContext<ChatHub> chat;
 *
 * void announce(String text) {
 *     chat.clients().all().send("addNewMessageToPage", "system", text);
 * }
 * }</pre>
 *
 * @param <H> the hub class
 */
public interface HubContext<H> {

    /**
     * The hub's clients, called by method name.
     *
     * @return untyped access to the clients
     */
    HubClients<ClientProxy> clients();
}
