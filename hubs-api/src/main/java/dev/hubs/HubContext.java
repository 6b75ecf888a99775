package dev.hubs;

/**
 * Reaches the clients of a hub from anywhere in the application: a Jakarta REST resource, a timer, an observer.
 *
 * <pre>{@code
 * @Inject HubContext<ChatHub> chat;
 *
 * void announce(String text) {
 *     chat.clients().all().send("addNewMessageToPage", "system", text);
 *     chat.clients(ChatClient.class).group("room-1").addNewMessageToPage("system", "hi room 1");
 *     chat.groups().add(connectionId, "room-1");
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

    /**
     * The hub's clients, called through a client interface of the application: each method call becomes an
     * invocation of the client method of the same name (or the name given by {@link ClientMethod}).
     *
     * @param clientInterface the client interface
     * @param <C>             its type
     * @return typed access to the clients
     * @throws IllegalArgumentException when the interface is not a valid client interface
     */
    <C> HubClients<C> clients(Class<C> clientInterface);

    /**
     * The hub's groups.
     *
     * @return the group manager of the hub
     */
    GroupManager groups();
}
