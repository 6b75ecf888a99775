package dev.hubs;

/**
 * The clients of a hub seen from one invocation: besides every target of {@link HubClients}, the caller itself and
 * the others.
 *
 * <pre>{@code
 * @Inject HubCallerClients<ClientProxy> clients;
 *
 * public void send(String name, String message) {
 *     clients.others().send("addNewMessageToPage", name, message);
 *     clients.caller().send("sent", message);
 * }
 * }</pre>
 *
 * <p>An injected instance belongs to the invocation it was created for and keeps pointing at that caller, also
 * from asynchronous code that runs after the hub method returned.
 *
 * @param <C> the proxy type: {@link ClientProxy}, or a client interface of the application
 */
public interface HubCallerClients<C> extends HubClients<C> {

    /**
     * The connection that made the current invocation.
     *
     * @return a proxy for the caller
     */
    C caller();

    /**
     * Every connection of the hub except the caller.
     *
     * @return a proxy for everybody but the caller
     */
    C others();

    /**
     * Every connection in a group except the caller.
     *
     * @param groupName the group
     * @return a proxy for the group's members other than the caller
     */
    C othersInGroup(String groupName);
}
