package dev.hubs.spi;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * The only way a message leaves for a connection of one hub: it knows the hub's connections, groups and users,
 * and delivers invocations to them. There is one instance per hub.
 *
 * <p>The in-memory implementation in {@code hubs-core} serves a single server; a backplane implementation (Redis)
 * delivers across servers. Every method returns at once; the returned stage completes when the message has been
 * handed to every local receiving connection (and, for a backplane, published), and fails only when the message
 * could not be sent at all (for a backplane: the backplane is unreachable). One connection refusing a message (its
 * outbound queue is full, or it is closing) does not fail the stage: that connection applies its own policy.
 * Unknown connection ids, groups and users reach nobody and are not an error. A connection that several targets of
 * one call select (two of its groups, or an id listed twice) receives the message once.
 *
 * <p>Implementations prove themselves by extending the contract suite published in the test-jar of
 * {@code hubs-core}: {@code dev.hubs.core.lifetime.contract.HubLifetimeManagerContract}.
 */
public interface HubLifetimeManager {

    /**
     * A connection finished its handshake and may receive messages.
     *
     * @param connection the connection
     * @return a stage completing when the connection is known everywhere it must be
     */
    CompletionStage<Void> onConnected(HubConnection connection);

    /**
     * A connection ended: forget it and remove it from every group.
     *
     * @param connection the connection
     * @return a stage completing when the connection is forgotten
     */
    CompletionStage<Void> onDisconnected(HubConnection connection);

    /**
     * Sends to every connection.
     *
     * @param invocation the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendAll(ClientInvocation invocation);

    /**
     * Sends to every connection except some.
     *
     * @param invocation            the invocation
     * @param excludedConnectionIds connections that must not receive it
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excludedConnectionIds);

    /**
     * Sends to one connection.
     *
     * @param connectionId the connection
     * @param invocation   the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation);

    /**
     * Sends to several connections.
     *
     * @param connectionIds the connections
     * @param invocation    the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendConnections(Collection<String> connectionIds, ClientInvocation invocation);

    /**
     * Sends to the members of a group.
     *
     * @param groupName  the group
     * @param invocation the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendGroup(String groupName, ClientInvocation invocation);

    /**
     * Sends to the members of several groups, once to a connection that is in more than one.
     *
     * @param groupNames the groups
     * @param invocation the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendGroups(Collection<String> groupNames, ClientInvocation invocation);

    /**
     * Sends to the members of a group except some connections.
     *
     * @param groupName             the group
     * @param invocation            the invocation
     * @param excludedConnectionIds connections that must not receive it
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendGroupExcept(String groupName, ClientInvocation invocation,
                                          Collection<String> excludedConnectionIds);

    /**
     * Sends to every connection of a user.
     *
     * @param userId     the user
     * @param invocation the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendUser(String userId, ClientInvocation invocation);

    /**
     * Sends to every connection of several users.
     *
     * @param userIds    the users
     * @param invocation the invocation
     * @return completion of the hand-off
     */
    CompletionStage<Void> sendUsers(Collection<String> userIds, ClientInvocation invocation);

    /**
     * Adds a connection to a group. Adding twice is harmless.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return a stage completing when the membership is in effect
     */
    CompletionStage<Void> addToGroup(String connectionId, String groupName);

    /**
     * Removes a connection from a group. Removing a non-member is harmless.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return a stage completing when the membership has ended
     */
    CompletionStage<Void> removeFromGroup(String connectionId, String groupName);

    /**
     * Sends an invocation to one connection and waits for the client's answer (a client result). The connection
     * may be on another server when the lifetime manager spans several.
     *
     * @param connectionId the connection
     * @param invocation   the invocation
     * @param resultType   the type the answer is converted to
     * @param <T>          the result type
     * @return completes with the client's result; fails when the connection does not exist or ends first
     *         ({@link java.io.IOException}), when the client answers with an error ({@link dev.hubs.HubException})
     *         or when it does not answer in time ({@link java.util.concurrent.TimeoutException})
     */
    default <T> CompletionStage<T> invokeConnection(String connectionId, ClientInvocation invocation,
                                                    java.lang.reflect.Type resultType) {
        return java.util.concurrent.CompletableFuture.failedStage(new UnsupportedOperationException(
                getClass().getName() + " does not support client results"));
    }

    /**
     * How many connections of this server the manager holds (those it delivers to), for
     * {@link dev.hubs.HubMonitor}: after a connection's {@link #onDisconnected} it must not be counted any more.
     *
     * @return the count, or -1 when the manager does not count them
     */
    default long localConnectionCount() {
        return -1;
    }

    /**
     * How many group memberships of this server's connections the manager holds (a connection in three groups counts
     * three), for {@link dev.hubs.HubMonitor}: a connection's memberships end with its {@link #onDisconnected}.
     *
     * @return the count, or -1 when the manager does not count them
     */
    default long localGroupMembershipCount() {
        return -1;
    }
}
