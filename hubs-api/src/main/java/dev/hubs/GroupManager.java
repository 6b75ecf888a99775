package dev.hubs;

import java.util.concurrent.CompletionStage;

/**
 * Adds connections to groups and removes them, for {@link HubClients#group(String)} and its relatives.
 *
 * <pre>{@code
 * @Inject GroupManager groups;
 * @Inject HubCallerContext context;
 *
 * public CompletionStage<Void> join(String room) {
 *     return groups.add(context.connectionId(), room);
 * }
 * }</pre>
 *
 * <p>Inject it into a hub, or get the one of any hub from {@link HubContext#groups()}. A group exists while it has
 * members; a connection leaves all its groups when it ends. Adding a connection twice, or removing a connection
 * that is not a member, is harmless; an unknown connection id is ignored.
 */
public interface GroupManager {

    /**
     * Adds a connection to a group.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return a stage completing when messages to the group reach the connection
     */
    CompletionStage<Void> add(String connectionId, String groupName);

    /**
     * Removes a connection from a group.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return a stage completing when messages to the group no longer reach the connection
     */
    CompletionStage<Void> remove(String connectionId, String groupName);
}
