package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Every send target reaches exactly its connections, once each, and an unknown connection, group or user
 * is not an error.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface TargetContract extends ContractFixture {

    @Test
    default void sendAllReachesEveryConnection() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection d = connect("d", null);
        ClientInvocation m = message("all");
        complete(manager().sendAll(m));
        assertNext(a, m);
        assertNext(b, m);
        assertNext(d, m);
        assertNothingMore(a, b, d);
    }

    @Test
    default void sendAllWithoutConnectionsCompletes() {
        complete(manager().sendAll(message("nobody")));
    }

    @Test
    default void sendAllExceptSkipsTheExcludedConnections() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        ClientInvocation m = message("allExcept");
        complete(manager().sendAllExcept(m, List.of("a", "d", "unknown")));
        assertNext(b, m);
        assertNext(c, m);
        assertNothingMore(a, b, c, d);

        ClientInvocation none = message("noneExcluded");
        complete(manager().sendAllExcept(none, List.of()));
        for (FakeHubConnection connection : List.of(a, b, c, d)) {
            assertNext(connection, none);
        }
        complete(manager().sendAllExcept(message("allExcluded"), List.of("a", "b", "c", "d")));
        assertNothingMore(a, b, c, d);
    }

    @Test
    default void sendConnectionReachesOnlyThatConnection() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        ClientInvocation m = message("connection");
        complete(manager().sendConnection("b", m));
        complete(manager().sendConnection("unknown", m));
        assertNext(b, m);
        assertNothingMore(a, b, c);
    }

    @Test
    default void sendConnectionsReachesEachListedConnectionOnce() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        ClientInvocation m = message("connections");
        complete(manager().sendConnections(List.of("a", "c", "a", "unknown"), m));
        assertNext(a, m);
        assertNext(c, m);
        assertNothingMore(a, b, c);
    }

    @Test
    default void sendGroupReachesOnlyItsMembers() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        join(a, "room");
        join(b, "room");
        join(c, "other");
        ClientInvocation m = message("group");
        complete(manager().sendGroup("room", m));
        assertNext(a, m);
        assertNext(b, m);
        assertNothingMore(a, b, c, d);
    }

    @Test
    default void sendGroupsReachesAMemberOfSeveralGroupsOnce() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        join(a, "g1", "g2");
        join(b, "g2");
        join(c, "g3");
        ClientInvocation m = message("groups");
        complete(manager().sendGroups(List.of("g1", "g2", "g2", "unknown"), m));
        assertNext(a, m);
        assertNext(b, m);
        assertNothingMore(a, b, c, d);
    }

    @Test
    default void sendGroupExceptSkipsTheExcludedMembers() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        join(a, "room");
        join(b, "room");
        join(c, "room");
        ClientInvocation m = message("groupExcept");
        complete(manager().sendGroupExcept("room", m, List.of("b", "d", "unknown")));
        assertNext(a, m);
        assertNext(c, m);
        assertNothingMore(a, b, c, d);
    }

    @Test
    default void sendUserReachesEveryConnectionOfTheUser() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        ClientInvocation m = message("user");
        complete(manager().sendUser("alice", m));
        complete(manager().sendUser("nobody", m));
        assertNext(a, m);
        assertNext(c, m);
        assertNothingMore(a, b, c, d);
    }

    @Test
    default void sendUsersReachesEveryConnectionOfEachUserOnce() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        FakeHubConnection d = connect("d", null);
        FakeHubConnection e = connect("e", "eve");
        ClientInvocation m = message("users");
        complete(manager().sendUsers(List.of("alice", "bob", "alice", "nobody"), m));
        assertNext(a, m);
        assertNext(b, m);
        assertNext(c, m);
        assertNothingMore(a, b, c, d, e);
    }

    @Test
    default void unknownConnectionsGroupsAndUsersAreNotErrors() {
        FakeHubConnection a = connect("a", "alice");
        join(a, "room");
        ClientInvocation m = message("unknown");
        complete(manager().sendConnection("unknown", m));
        complete(manager().sendConnections(List.of("unknown", "other"), m));
        complete(manager().sendConnections(List.of(), m));
        complete(manager().sendGroup("unknown", m));
        complete(manager().sendGroups(List.of("unknown", "other"), m));
        complete(manager().sendGroups(List.of(), m));
        complete(manager().sendGroupExcept("unknown", m, List.of("a")));
        complete(manager().sendUser("unknown", m));
        complete(manager().sendUsers(List.of("unknown", "other"), m));
        complete(manager().sendUsers(List.of(), m));
        complete(manager().addToGroup("unknown", "room"));
        complete(manager().removeFromGroup("unknown", "room"));
        complete(manager().removeFromGroup("a", "unknown"));
        complete(manager().onDisconnected(new FakeHubConnection("never-connected", "alice")));
        assertNothingMore(a);

        ClientInvocation stillThere = message("stillThere");
        complete(manager().sendGroup("room", stillThere));
        complete(manager().sendUser("alice", stillThere));
        assertNext(a, stillThere);
        assertNext(a, stillThere);
        assertNothingMore(a);
    }

    @Test
    default void everyOperationReturnsAStageThatCompletesNormally() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        ClientInvocation m = message("stages");
        complete(manager().addToGroup("a", "room"));
        complete(manager().sendAll(m));
        complete(manager().sendAllExcept(m, List.of("b")));
        complete(manager().sendConnection("a", m));
        complete(manager().sendConnections(List.of("a", "b"), m));
        complete(manager().sendGroup("room", m));
        complete(manager().sendGroups(List.of("room"), m));
        complete(manager().sendGroupExcept("room", m, List.of("b")));
        complete(manager().sendUser("alice", m));
        complete(manager().sendUsers(List.of("alice", "bob"), m));
        complete(manager().removeFromGroup("a", "room"));
        complete(manager().onDisconnected(b));
        complete(manager().onDisconnected(a));
    }
}
