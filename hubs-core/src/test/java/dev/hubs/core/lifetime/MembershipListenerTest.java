package dev.hubs.core.lifetime;

import dev.hubs.core.lifetime.contract.FakeHubConnection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The in-memory manager tells its listener exactly when a group or user gains its first connection and loses its
 * last: a backplane subscribes and unsubscribes on these calls, so a missed or doubled call would lose messages or
 * leak subscriptions.
 */
class MembershipListenerTest {

    private final List<String> events = new ArrayList<>();
    private final DefaultHubLifetimeManager manager = new DefaultHubLifetimeManager(new MembershipListener() {
        @Override
        public void groupOccupied(String group) {
            events.add("+group " + group);
        }

        @Override
        public void groupVacated(String group) {
            events.add("-group " + group);
        }

        @Override
        public void userOccupied(String user) {
            events.add("+user " + user);
        }

        @Override
        public void userVacated(String user) {
            events.add("-user " + user);
        }
    });

    @Test
    void firstAndLastMembersAreReportedOnce() {
        FakeHubConnection a = new FakeHubConnection("a", "alice");
        FakeHubConnection b = new FakeHubConnection("b", "alice");
        FakeHubConnection c = new FakeHubConnection("c", null);
        manager.onConnected(a);
        manager.onConnected(b);
        manager.onConnected(c);
        manager.addToGroup("a", "room");
        manager.addToGroup("a", "room");
        manager.addToGroup("b", "room");
        manager.addToGroup("c", "side");
        manager.removeFromGroup("a", "room");
        manager.removeFromGroup("c", "nothing");
        manager.onDisconnected(a);
        manager.removeFromGroup("b", "room");
        manager.addToGroup("b", "room");
        manager.onDisconnected(b);
        manager.onDisconnected(c);
        manager.addToGroup("c", "late");
        assertEquals(List.of("+user alice", "+group room", "+group side", "-group room", "+group room",
                "-user alice", "-group room", "-group side"), events);
    }
}
