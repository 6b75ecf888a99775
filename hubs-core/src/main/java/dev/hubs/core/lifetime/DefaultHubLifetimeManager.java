package dev.hubs.core.lifetime;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifetime manager of a single server: everything in memory.
 *
 * <p>Sends never block and never fail because of one connection: each receiving connection applies its own
 * outbound-queue policy. Group and user indexes drop empty entries as soon as their last member leaves, so that
 * nothing accumulates over millions of connections.
 */
public final class DefaultHubLifetimeManager implements HubLifetimeManager {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    private final Map<String, HubConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<HubConnection>> groups = new ConcurrentHashMap<>();
    private final Map<String, Set<HubConnection>> users = new ConcurrentHashMap<>();
    /** The groups of each connection, so that leaving all of them on disconnect does not scan every group. */
    private final Map<String, Set<String>> groupsOfConnection = new ConcurrentHashMap<>();
    private final MembershipListener listener;

    /** Creates a manager for a single server. */
    public DefaultHubLifetimeManager() {
        this(MembershipListener.NONE);
    }

    /**
     * Creates a manager that tells a listener when groups and users gain their first or lose their last connection;
     * a backplane keeps the connections of its server in one.
     *
     * @param listener told of the changes, while the group's or user's entry is held
     */
    public DefaultHubLifetimeManager(MembershipListener listener) {
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> onConnected(HubConnection connection) {
        connections.put(connection.connectionId(), connection);
        connection.userId().ifPresent(user -> users.compute(user, (key, members) -> {
            Set<HubConnection> set = members == null ? ConcurrentHashMap.newKeySet() : members;
            if (set.add(connection) && set.size() == 1) {
                listener.userOccupied(key);
            }
            return set;
        }));
        return DONE;
    }

    @Override
    public CompletionStage<Void> onDisconnected(HubConnection connection) {
        String id = connection.connectionId();
        connections.remove(id);
        connection.userId().ifPresent(user -> users.computeIfPresent(user, (key, members) -> {
            if (members.remove(connection) && members.isEmpty()) {
                listener.userVacated(key);
                return null;
            }
            return members.isEmpty() ? null : members;
        }));
        groupsOfConnection.computeIfPresent(id, (key, joined) -> {
            for (String group : joined) {
                groups.computeIfPresent(group, (name, members) -> {
                    members.remove(connection);
                    return vacatedIfEmpty(name, members);
                });
            }
            return null;
        });
        return DONE;
    }

    /** The members to keep for a group, or null (drop the entry) when it has none left, telling the listener. */
    private Set<HubConnection> vacatedIfEmpty(String group, Set<HubConnection> members) {
        if (members.isEmpty()) {
            listener.groupVacated(group);
            return null;
        }
        return members;
    }

    @Override
    public CompletionStage<Void> sendAll(ClientInvocation invocation) {
        for (HubConnection connection : connections.values()) {
            connection.send(invocation);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excluded) {
        sendExcept(connections.values(), invocation, excluded);
        return DONE;
    }

    /**
     * Sends to every member except the excluded ones. The excluded ids are looked up once, and members are compared
     * with them by identity: comparing each member's id string would read one more object per member, which is
     * what a broadcast to thousands of connections spends its time on.
     */
    private void sendExcept(Collection<HubConnection> members, ClientInvocation invocation,
                            Collection<String> excluded) {
        if (excluded.size() == 1) {
            // The common case (others(), othersInGroup()): one connection to skip, no set.
            HubConnection skipped = connections.get(excluded.iterator().next());
            for (HubConnection connection : members) {
                if (connection != skipped) {
                    connection.send(invocation);
                }
            }
            return;
        }
        Set<HubConnection> skip = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String id : excluded) {
            HubConnection connection = connections.get(id);
            if (connection != null) {
                skip.add(connection);
            }
        }
        for (HubConnection connection : members) {
            if (!skip.contains(connection)) {
                connection.send(invocation);
            }
        }
    }

    @Override
    public CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation) {
        HubConnection connection = connections.get(connectionId);
        if (connection != null) {
            connection.send(invocation);
        }
        return DONE;
    }

    @Override
    public <T> CompletionStage<T> invokeConnection(String connectionId, ClientInvocation invocation,
                                                   Type resultType) {
        HubConnection connection = connections.get(connectionId);
        if (connection == null) {
            return CompletableFuture.failedStage(new IOException("Connection '" + connectionId
                    + "' does not exist."));
        }
        return connection.invoke(invocation, resultType);
    }

    @Override
    public CompletionStage<Void> sendConnections(Collection<String> connectionIds, ClientInvocation invocation) {
        for (String id : asSet(connectionIds)) {
            sendConnection(id, invocation);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendGroup(String groupName, ClientInvocation invocation) {
        return sendToMembers(groups, List.of(groupName), invocation);
    }

    @Override
    public CompletionStage<Void> sendGroups(Collection<String> groupNames, ClientInvocation invocation) {
        return sendToMembers(groups, groupNames, invocation);
    }

    @Override
    public CompletionStage<Void> sendGroupExcept(String groupName, ClientInvocation invocation,
                                                 Collection<String> excluded) {
        Set<HubConnection> members = groups.get(groupName);
        if (members != null) {
            sendExcept(members, invocation, excluded);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> sendUser(String userId, ClientInvocation invocation) {
        return sendToMembers(users, List.of(userId), invocation);
    }

    @Override
    public CompletionStage<Void> sendUsers(Collection<String> userIds, ClientInvocation invocation) {
        return sendToMembers(users, userIds, invocation);
    }

    /** Sends once to every member of the given groups (or users) of an index. */
    private static CompletionStage<Void> sendToMembers(Map<String, Set<HubConnection>> index, Collection<String> keys,
                                                       ClientInvocation invocation) {
        if (keys.size() == 1) {
            // The common case needs no de-duplication, hence no copy of the members.
            Set<HubConnection> members = index.get(keys.iterator().next());
            if (members != null) {
                for (HubConnection connection : members) {
                    connection.send(invocation);
                }
            }
            return DONE;
        }
        Set<HubConnection> receivers = new HashSet<>();
        for (String key : asSet(keys)) {
            Set<HubConnection> members = index.get(key);
            if (members != null) {
                receivers.addAll(members);
            }
        }
        for (HubConnection connection : receivers) {
            connection.send(invocation);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> addToGroup(String connectionId, String groupName) {
        HubConnection connection = connections.get(connectionId);
        if (connection == null) {
            return DONE;
        }
        // The entry of the connection in groupsOfConnection is the lock of its memberships: joins, leaves and the
        // disconnect of one connection never interleave, so both indexes always agree.
        groupsOfConnection.compute(connectionId, (id, joined) -> {
            if (!connections.containsKey(id)) {
                return joined; // the connection ended meanwhile: join nothing
            }
            Set<String> set = joined == null ? ConcurrentHashMap.newKeySet() : joined;
            if (set.add(groupName)) {
                groups.compute(groupName, (name, members) -> {
                    Set<HubConnection> updated = members == null ? ConcurrentHashMap.newKeySet() : members;
                    if (updated.add(connection) && updated.size() == 1) {
                        listener.groupOccupied(name);
                    }
                    return updated;
                });
            }
            return set;
        });
        return DONE;
    }

    @Override
    public CompletionStage<Void> removeFromGroup(String connectionId, String groupName) {
        groupsOfConnection.computeIfPresent(connectionId, (id, joined) -> {
            if (joined.remove(groupName)) {
                groups.computeIfPresent(groupName, (name, members) -> {
                    members.removeIf(c -> c.connectionId().equals(id));
                    return vacatedIfEmpty(name, members);
                });
            }
            return joined.isEmpty() ? null : joined;
        });
        return DONE;
    }

    /**
     * Whether a connection is connected to this manager.
     *
     * @param connectionId the connection id
     * @return whether it is known here
     */
    public boolean contains(String connectionId) {
        return connections.containsKey(connectionId);
    }

    /**
     * How many connections are known; for tests and operators.
     *
     * @return the connection count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * How many groups have at least one member; for tests and operators.
     *
     * @return the group count
     */
    public int groupCount() {
        return groups.size();
    }

    @Override
    public long localConnectionCount() {
        return connections.size();
    }

    /**
     * Counts the members of every group: what holds connections, so a membership left behind by a disconnect would
     * show. A walk over the groups, for monitoring only; joins and leaves pay nothing for it.
     */
    @Override
    public long localGroupMembershipCount() {
        long memberships = 0;
        for (Set<HubConnection> members : groups.values()) {
            memberships += members.size();
        }
        return memberships;
    }

    private static Set<String> asSet(Collection<String> values) {
        return values instanceof Set<String> set ? set : new HashSet<>(values);
    }
}
