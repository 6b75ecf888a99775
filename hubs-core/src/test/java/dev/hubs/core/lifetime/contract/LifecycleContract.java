package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a disconnect ends: the connection leaves every group and its user, for good.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface LifecycleContract extends ContractFixture {

    @Test
    default void onDisconnectedRemovesTheConnectionFromEveryGroupAndItsUser() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection c = connect("c", "alice");
        join(a, "g1", "g2");
        join(c, "g1", "g2");
        complete(manager().onDisconnected(a));

        List<ClientInvocation> sent = List.of(message("all"), message("allExcept"), message("connections"),
                message("group"), message("groups"), message("groupExcept"), message("user"), message("users"));
        complete(manager().sendAll(sent.get(0)));
        complete(manager().sendAllExcept(sent.get(1), List.of()));
        complete(manager().sendConnection("a", message("connection")));
        complete(manager().sendConnections(List.of("a", "c"), sent.get(2)));
        complete(manager().sendGroup("g1", sent.get(3)));
        complete(manager().sendGroups(List.of("g1", "g2"), sent.get(4)));
        complete(manager().sendGroupExcept("g2", sent.get(5), List.of()));
        complete(manager().sendUser("alice", sent.get(6)));
        complete(manager().sendUsers(List.of("alice"), sent.get(7)));

        // c, on the same server, is the witness: once it has everything, a would have had it too.
        assertEquals(sent, c.nextMessages(sent.size(), TIMEOUT));
        assertNothingMore(c);
        assertEquals(List.of(), a.received(), "a disconnected connection receives nothing");
    }

    /**
     * What {@code HubMonitor} reads: a manager that counts (it may answer -1 instead) counts this server's connections
     * and their memberships, and nothing of a connection once it has disconnected.
     */
    @Test
    default void theLocalCountsFallToZeroWhenTheConnectionsDisconnect() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        join(a, "g1", "g2");
        join(b, "g1");
        long connections = manager().localConnectionCount();
        long memberships = manager().localGroupMembershipCount();
        if (connections != -1) {
            assertEquals(2, connections);
        }
        if (memberships != -1) {
            assertEquals(3, memberships, "a in two groups, b in one");
        }
        complete(manager().removeFromGroup("a", "g2"));
        if (memberships != -1) {
            assertEquals(2, manager().localGroupMembershipCount());
        }
        complete(manager().onDisconnected(a));
        complete(manager().onDisconnected(b));
        if (connections != -1) {
            assertEquals(0, manager().localConnectionCount());
        }
        if (memberships != -1) {
            assertEquals(0, manager().localGroupMembershipCount());
        }
    }

    @Test
    default void aConnectionAddedToAGroupAfterItsDisconnectIsNotRetained() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        join(b, "room");
        complete(manager().onDisconnected(a));
        complete(manager().addToGroup("a", "room"));

        ClientInvocation m = message("group");
        complete(manager().sendGroup("room", m));
        assertNext(b, m);
        assertNeverReceived(m, a);

        // Connected again under the same id, it starts without the membership it was given while gone.
        complete(manager().onConnected(a));
        ClientInvocation again = message("afterReconnect");
        complete(manager().sendGroup("room", again));
        assertNext(b, again);
        assertNothingMore(a, b);
    }

    @Test
    default void aUserStaysReachableThroughItsOtherConnections() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection c = connect("c", "alice");
        complete(manager().onDisconnected(a));
        ClientInvocation m = message("user");
        complete(manager().sendUser("alice", m));
        assertNext(c, m);
        assertNothingMore(c);
        assertNeverReceived(m, a);
    }

    @Test
    default void aUserWhoseConnectionsAllEndedIsReachableWhenConnectedAgain() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection c = connect("c", "alice");
        complete(manager().onDisconnected(a));
        complete(manager().onDisconnected(c));
        complete(manager().sendUser("alice", message("nobody")));
        FakeHubConnection e = connect("e", "alice");
        ClientInvocation m = message("user");
        complete(manager().sendUser("alice", m));
        assertNext(e, m);
        assertNothingMore(e);
        assertEquals(List.of(), a.received());
        assertEquals(List.of(), c.received());
    }
}
