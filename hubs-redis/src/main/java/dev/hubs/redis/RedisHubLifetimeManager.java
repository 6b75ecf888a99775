package dev.hubs.redis;

import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.core.lifetime.MembershipListener;
import dev.hubs.redis.BackplaneMessage.Target;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.InvocationSerializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The lifetime manager of one hub on one server of a cluster joined by Redis.
 *
 * <p>The server's own connections live in an in-memory {@link DefaultHubLifetimeManager}: every send is delivered to
 * them directly, with the invocation it was given (serialized once, shared with them), and then published once on
 * the hub's channel for that target, unless it can only concern this server (a connection held here). The other
 * servers hand the published bytes to their connections as they came. Messages a server published itself come back
 * to it from Redis and are ignored. A send to several groups or several users goes on the channel every server
 * hears, so that a connection in two of the groups receives it once.
 *
 * <p>Group changes for a connection held here apply at once; for a connection held elsewhere, the request goes on
 * that connection's channel, which only the holding server hears, and the stage completes when that server has
 * acknowledged it. Redis tells how many servers heard the request: none means no server holds the connection, and
 * the stage completes at once, as it does for an unknown connection on a single server.
 *
 * <p>Stages complete when the local connections have the message and Redis has taken it; they fail with
 * {@link BackplaneUnavailableException} when Redis did not (the local connections have it anyway), and group
 * changes on other servers fail with a {@link TimeoutException} when no acknowledgement came in time.
 */
public final class RedisHubLifetimeManager implements HubLifetimeManager, AutoCloseable {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final RedisLink link;
    private final String hub;
    private final Channels channels;
    private final InvocationSerializer serializer;
    private final DefaultHubLifetimeManager local;
    private final GroupAcks acks = new GroupAcks();
    private final CompletionStage<Void> ackChannelReady;
    private final String serverId;
    private volatile boolean closed;

    /**
     * Creates the manager of a hub and starts listening to the hub's channels.
     *
     * @param link       the connections to Redis, shared by the hubs of the application
     * @param hub        the hub name, the same on every server (the hub class's fully qualified name)
     * @param serializer the wire format of the hub's connections
     */
    RedisHubLifetimeManager(RedisLink link, String hub, InvocationSerializer serializer) {
        this.link = link;
        this.hub = hub;
        this.serializer = serializer;
        this.serverId = link.serverId();
        this.channels = Channels.of(link.options().channelPrefix(), hub);
        this.local = new DefaultHubLifetimeManager(new ChannelFollower());
        link.retain();
        link.route(channels.root(), this::received);
        link.subscriptions().subscribe(channels.all());
        this.ackChannelReady = link.subscriptions().subscribe(channels.ack(serverId));
    }

    /** Listens to a group's or user's channel exactly while this server has a member. */
    private final class ChannelFollower implements MembershipListener {
        @Override
        public void groupOccupied(String group) {
            link.subscriptions().subscribe(channels.group(group));
        }

        @Override
        public void groupVacated(String group) {
            link.subscriptions().unsubscribe(channels.group(group));
        }

        @Override
        public void userOccupied(String user) {
            link.subscriptions().subscribe(channels.user(user));
        }

        @Override
        public void userVacated(String user) {
            link.subscriptions().unsubscribe(channels.user(user));
        }
    }

    // ---------------------------------------------------------------- connections

    @Override
    public CompletionStage<Void> onConnected(HubConnection connection) {
        local.onConnected(connection);
        CompletionStage<Void> own = link.subscriptions().subscribe(channels.connection(connection.connectionId()));
        return connection.userId()
                .map(user -> own.thenCompose(ignored -> link.subscriptions().ready(channels.user(user))))
                .orElse(own);
    }

    @Override
    public CompletionStage<Void> onDisconnected(HubConnection connection) {
        local.onDisconnected(connection);
        return link.subscriptions().unsubscribe(channels.connection(connection.connectionId()));
    }

    // ---------------------------------------------------------------- sends

    @Override
    public CompletionStage<Void> sendAll(ClientInvocation invocation) {
        local.sendAll(invocation);
        return publish(channels.all(), Target.ALL, List.of(), List.of(), invocation, "to all connections");
    }

    @Override
    public CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excluded) {
        local.sendAllExcept(invocation, excluded);
        return publish(channels.all(), Target.ALL, List.of(), List.copyOf(excluded), invocation,
                "to all connections but " + excluded.size());
    }

    @Override
    public CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation) {
        if (local.contains(connectionId)) {
            return local.sendConnection(connectionId, invocation); // never through Redis
        }
        return publish(channels.connection(connectionId), Target.CONNECTIONS, List.of(connectionId), List.of(),
                invocation, "to connection " + connectionId);
    }

    /**
     * Asks a connection of this server for a client result. A connection held by another server cannot be asked
     * yet: routing the invocation there and its answer back over Redis is not implemented, and the stage fails
     * saying so.
     */
    @Override
    public <T> CompletionStage<T> invokeConnection(String connectionId, ClientInvocation invocation,
                                                   java.lang.reflect.Type resultType) {
        if (local.contains(connectionId)) {
            return local.invokeConnection(connectionId, invocation, resultType);
        }
        return java.util.concurrent.CompletableFuture.failedStage(new UnsupportedOperationException(
                "Connection '" + connectionId + "' is not connected to this server: client results across servers "
                        + "are not supported by the Redis backplane yet"));
    }

    @Override
    public CompletionStage<Void> sendConnections(Collection<String> connectionIds, ClientInvocation invocation) {
        List<String> here = new ArrayList<>();
        List<CompletableFuture<Void>> published = new ArrayList<>();
        for (String id : new LinkedHashSet<>(connectionIds)) {
            if (local.contains(id)) {
                here.add(id);
            } else {
                published.add(publish(channels.connection(id), Target.CONNECTIONS, List.of(id), List.of(),
                        invocation, "to connection " + id));
            }
        }
        local.sendConnections(here, invocation);
        return CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<Void> sendGroup(String groupName, ClientInvocation invocation) {
        local.sendGroup(groupName, invocation);
        return publish(channels.group(groupName), Target.GROUPS, List.of(groupName), List.of(), invocation,
                "to group '" + groupName + "'");
    }

    @Override
    public CompletionStage<Void> sendGroups(Collection<String> groupNames, ClientInvocation invocation) {
        Set<String> groups = new LinkedHashSet<>(groupNames);
        if (groups.isEmpty()) {
            return DONE;
        }
        if (groups.size() == 1) {
            return sendGroup(groups.iterator().next(), invocation);
        }
        local.sendGroups(groups, invocation);
        return publish(channels.all(), Target.GROUPS, List.copyOf(groups), List.of(), invocation,
                "to groups " + groups);
    }

    @Override
    public CompletionStage<Void> sendGroupExcept(String groupName, ClientInvocation invocation,
                                                 Collection<String> excluded) {
        local.sendGroupExcept(groupName, invocation, excluded);
        return publish(channels.group(groupName), Target.GROUPS, List.of(groupName), List.copyOf(excluded),
                invocation, "to group '" + groupName + "'");
    }

    @Override
    public CompletionStage<Void> sendUser(String userId, ClientInvocation invocation) {
        local.sendUser(userId, invocation);
        return publish(channels.user(userId), Target.USERS, List.of(userId), List.of(), invocation,
                "to user '" + userId + "'");
    }

    @Override
    public CompletionStage<Void> sendUsers(Collection<String> userIds, ClientInvocation invocation) {
        Set<String> users = new LinkedHashSet<>(userIds);
        if (users.isEmpty()) {
            return DONE;
        }
        if (users.size() == 1) {
            return sendUser(users.iterator().next(), invocation);
        }
        local.sendUsers(users, invocation);
        return publish(channels.all(), Target.USERS, List.copyOf(users), List.of(), invocation,
                "to users " + users);
    }

    private CompletableFuture<Void> publish(String channel, Target target, List<String> names,
                                            List<String> excluded, ClientInvocation invocation, String what) {
        byte[] message = BackplaneCodec.encode(new BackplaneMessage.Invocation(serverId, target, names, excluded,
                serializer.protocol(), serializer.serialize(invocation)));
        return link.publish(channel, message, what + " of hub " + hub,
                "only the connections of this server received it").thenAccept(count -> { })
                .toCompletableFuture();
    }

    // ---------------------------------------------------------------- groups

    @Override
    public CompletionStage<Void> addToGroup(String connectionId, String groupName) {
        return changeGroup(connectionId, groupName, true);
    }

    @Override
    public CompletionStage<Void> removeFromGroup(String connectionId, String groupName) {
        return changeGroup(connectionId, groupName, false);
    }

    private CompletionStage<Void> changeGroup(String connectionId, String group, boolean add) {
        if (local.contains(connectionId)) {
            return applyLocally(connectionId, group, add);
        }
        String what = (add ? "adding connection " : "removing connection ") + connectionId
                + (add ? " to group '" : " from group '") + group + "'";
        return ackChannelReady.thenCompose(ready -> {
            long id = acks.next();
            byte[] message = BackplaneCodec.encode(new BackplaneMessage.GroupCommand(serverId, id, add,
                    connectionId, group));
            return link.publish(channels.connection(connectionId), message, what + " of hub " + hub,
                            "the connection is on another server, and its groups are unchanged")
                    .thenCompose(heard -> {
                        if (heard == 0) {
                            acks.forget(id); // no server holds the connection: nothing to change, as on one server
                            return DONE;
                        }
                        return acks.await(id, link.options().groupAckTimeout()).exceptionallyCompose(error -> {
                            if (error instanceof TimeoutException) {
                                long millis = link.options().groupAckTimeout().toMillis();
                                RedisLog.ackTimedOut(connectionId, group, millis);
                                return CompletableFuture.failedFuture(new TimeoutException("The server holding "
                                        + "connection " + connectionId + " did not acknowledge " + what + " within "
                                        + millis + " ms"));
                            }
                            return CompletableFuture.failedFuture(error);
                        });
                    })
                    .whenComplete((ok, error) -> acks.forget(id));
        });
    }

    /** Changes a membership of a connection held here; completes when this server hears the group's channel. */
    private CompletionStage<Void> applyLocally(String connectionId, String group, boolean add) {
        if (add) {
            local.addToGroup(connectionId, group);
            return link.subscriptions().ready(channels.group(group));
        }
        local.removeFromGroup(connectionId, group);
        return DONE;
    }

    // ---------------------------------------------------------------- receiving

    /** A message on one of the hub's channels; on the Redis client's event loop. */
    private void received(String channel, byte[] bytes) {
        BackplaneMessage message;
        try {
            message = BackplaneCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            RedisLog.undecodable(channel, e.getMessage());
            return;
        }
        if (message instanceof BackplaneMessage.Invocation invocation) {
            if (!invocation.origin().equals(serverId)) {
                deliver(channel, invocation);
            }
        } else if (message instanceof BackplaneMessage.GroupCommand command) {
            applyLocally(command.connectionId(), command.group(), command.add()).thenRun(() -> {
                byte[] ack = BackplaneCodec.encode(new BackplaneMessage.Ack(serverId, command.requestId()));
                link.publish(channels.ack(command.origin()), ack, "acknowledging a group change of hub " + hub,
                        "the server that asked for the change will time out");
            });
        } else if (message instanceof BackplaneMessage.Ack ack) {
            acks.acknowledged(ack.requestId());
        }
    }

    /** Hands a message from another server to the connections of this one, as the bytes it came with. */
    private void deliver(String channel, BackplaneMessage.Invocation message) {
        if (!message.protocol().equals(serializer.protocol())) {
            RedisLog.undecodable(channel, "a message in protocol '" + message.protocol() + "', this server writes '"
                    + serializer.protocol() + "'");
            return;
        }
        ClientInvocation invocation = serializer.deserialize(message.payload());
        List<String> names = message.names();
        switch (message.target()) {
            case ALL -> {
                if (message.excluded().isEmpty()) {
                    local.sendAll(invocation);
                } else {
                    local.sendAllExcept(invocation, message.excluded());
                }
            }
            case CONNECTIONS -> local.sendConnections(names, invocation);
            case GROUPS -> {
                if (names.size() == 1 && !message.excluded().isEmpty()) {
                    local.sendGroupExcept(names.get(0), invocation, message.excluded());
                } else {
                    local.sendGroups(names, invocation);
                }
            }
            case USERS -> local.sendUsers(names, invocation);
        }
    }

    // ---------------------------------------------------------------- life

    /**
     * Stops listening to the hub's channels and lets go of the Redis connections when no other hub of the
     * application uses them.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.unroute(channels.root());
        acks.failAll(new IllegalStateException("The lifetime manager of hub " + hub + " was closed"));
        if (!link.release()) {
            link.subscriptions().unsubscribe(channels.all());
            link.subscriptions().unsubscribe(channels.ack(serverId));
        }
    }

    /** The connections of this hub held by this server, all in the in-memory manager. */
    @Override
    public long localConnectionCount() {
        return local.localConnectionCount();
    }

    /** The group memberships of this server's connections, all in the in-memory manager. */
    @Override
    public long localGroupMembershipCount() {
        return local.localGroupMembershipCount();
    }

    @Override
    public String toString() {
        return link + ", channels " + channels.root() + "*";
    }
}
