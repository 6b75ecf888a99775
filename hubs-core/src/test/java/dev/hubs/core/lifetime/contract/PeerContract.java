package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Servers of one cluster (only when {@link HubLifetimeManagerContract#supportsPeers()}): a connection on one
 * server receives what another server sends to all, its group, its user or itself, and group changes made on
 * another server apply to it. Skipped for single-server implementations.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface PeerContract extends ContractFixture {

    @Test
    default void peerBroadcastsReachConnectionsOnEveryServer() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect(other, "b", "bob");
        ClientInvocation fromPeer = message("allFromPeer");
        complete(other.sendAll(fromPeer));
        assertNext(a, fromPeer);
        assertNext(b, fromPeer);
        ClientInvocation fromHere = message("allFromHere");
        complete(manager().sendAll(fromHere));
        assertNext(a, fromHere);
        assertNext(b, fromHere);
        ClientInvocation except = message("allExceptFromPeer");
        complete(other.sendAllExcept(except, List.of("a")));
        assertNext(b, except);
        assertNothingMore(other, a, b);
        assertNothingMore(manager(), a, b);
    }

    @Test
    default void peerSendsReachAConnectionOnAnotherServer() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect(other, "b", "bob");
        ClientInvocation one = message("connection");
        complete(other.sendConnection("a", one));
        assertNext(a, one);
        ClientInvocation several = message("connections");
        complete(other.sendConnections(List.of("a", "b", "a"), several));
        assertNext(a, several);
        assertNext(b, several);
        assertNothingMore(other, a, b);
    }

    @Test
    default void peerGroupSendsReachMembersOnEveryServer() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect(other, "b", "bob");
        FakeHubConnection c = connect(other, "c", "carol");
        join(a, "room", "g2");
        complete(other.addToGroup("b", "room"));
        ClientInvocation group = message("group");
        complete(other.sendGroup("room", group));
        assertNext(a, group);
        assertNext(b, group);
        ClientInvocation groups = message("groups");
        complete(other.sendGroups(List.of("room", "g2"), groups));
        assertNext(a, groups);
        assertNext(b, groups);
        ClientInvocation except = message("groupExcept");
        complete(manager().sendGroupExcept("room", except, List.of("a")));
        assertNext(b, except);
        assertNothingMore(other, a, b, c);
        assertNothingMore(manager(), a, b, c);
    }

    @Test
    default void peerGroupChangesApplyToAConnectionOnAnotherServer() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        complete(other.addToGroup("a", "room"));
        ClientInvocation fromHere = message("fromHere");
        complete(manager().sendGroup("room", fromHere));
        assertNext(a, fromHere);
        ClientInvocation fromPeer = message("fromPeer");
        complete(other.sendGroup("room", fromPeer));
        assertNext(a, fromPeer);

        complete(other.removeFromGroup("a", "room"));
        complete(manager().sendGroup("room", message("afterRemoveHere")));
        complete(other.sendGroup("room", message("afterRemovePeer")));
        assertNothingMore(manager(), a);
        assertNothingMore(other, a);
    }

    @Test
    default void peerUserSendsReachTheUsersConnectionsOnEveryServer() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection c = connect(other, "c", "alice");
        FakeHubConnection b = connect(other, "b", "bob");
        ClientInvocation user = message("user");
        complete(manager().sendUser("alice", user));
        assertNext(a, user);
        assertNext(c, user);
        ClientInvocation users = message("users");
        complete(other.sendUsers(List.of("alice", "bob", "alice"), users));
        assertNext(a, users);
        assertNext(c, users);
        assertNext(b, users);
        assertNothingMore(manager(), a, b, c);
        assertNothingMore(other, a, b, c);
    }

    @Test
    default void peerSendsDoNotReachAConnectionThatEnded() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection witness = connect("witness", "alice");
        join(a, "room");
        join(witness, "room", "late");
        complete(manager().onDisconnected(a));
        List<ClientInvocation> sent = List.of(message("all"), message("group"), message("user"), message("connection"),
                message("late"));
        complete(other.sendAll(sent.get(0)));
        complete(other.sendGroup("room", sent.get(1)));
        complete(other.sendUser("alice", sent.get(2)));
        complete(other.sendConnections(List.of("a", "witness"), sent.get(3)));
        complete(other.addToGroup("a", "late"));
        complete(other.sendGroup("late", sent.get(4)));
        assertEquals(sent, witness.nextMessages(sent.size(), TIMEOUT));
        assertNothingMore(other, witness);
        assertEquals(List.of(), a.received());
    }

    @Test
    default void peerSendsToUnknownTargetsComplete() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", "alice");
        ClientInvocation m = message("unknown");
        complete(other.sendConnection("unknown", m));
        complete(other.sendGroup("unknown", m));
        complete(other.sendUser("unknown", m));
        complete(other.addToGroup("unknown", "room"));
        complete(other.removeFromGroup("unknown", "room"));
        assertNothingMore(other, a);
    }
}
