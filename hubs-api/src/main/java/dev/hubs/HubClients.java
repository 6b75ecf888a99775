package dev.hubs;

import java.util.Collection;

/**
 * Selects the clients of one hub to call: every target returns a proxy of type {@code C} through which calls are
 * made. {@code C} is {@link ClientProxy} for untyped calls by name.
 *
 * <p>Connection ids are the public {@code connectionId} values of SignalR (see
 * {@link HubCallerContext#connectionId()}); user ids are those given by the server's
 * {@link dev.hubs.spi.UserIdProvider}. Unknown connection ids, users or groups are not an error: the call simply
 * reaches nobody there.
 *
 * @param <C> the proxy type: {@link ClientProxy}, or a client interface of the application
 */
public interface HubClients<C> {

    /**
     * Every connection of the hub.
     *
     * @return a proxy that calls every connected client
     */
    C all();

    /**
     * Every connection of the hub except the given ones.
     *
     * @param excludedConnectionIds connection ids that must not receive the call
     * @return a proxy for all clients but those excluded
     */
    C allExcept(Collection<String> excludedConnectionIds);

    /**
     * One connection.
     *
     * @param connectionId the connection's id
     * @return a proxy for that connection
     */
    C client(String connectionId);

    /**
     * Several connections.
     *
     * @param connectionIds the connection ids
     * @return a proxy for those connections
     */
    C clients(Collection<String> connectionIds);

    /**
     * Every connection in a group.
     *
     * @param groupName the group
     * @return a proxy for the group's members
     */
    C group(String groupName);

    /**
     * Every connection in any of several groups; a connection in two of them is called once.
     *
     * @param groupNames the groups
     * @return a proxy for the members of those groups
     */
    C groups(Collection<String> groupNames);

    /**
     * Every connection in a group except the given ones.
     *
     * @param groupName             the group
     * @param excludedConnectionIds connection ids that must not receive the call
     * @return a proxy for the group's members but those excluded
     */
    C groupExcept(String groupName, Collection<String> excludedConnectionIds);

    /**
     * Every connection of a user.
     *
     * @param userId the user id
     * @return a proxy for the user's connections
     */
    C user(String userId);

    /**
     * Every connection of several users.
     *
     * @param userIds the user ids
     * @return a proxy for those users' connections
     */
    C users(Collection<String> userIds);
}
