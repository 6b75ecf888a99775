package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import org.junit.jupiter.api.Test;

/**
 * Group membership: adding twice is harmless, removing ends it, removing a non-member is harmless.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface GroupContract extends ContractFixture {

    @Test
    default void addingToAGroupTwiceDeliversOnce() {
        FakeHubConnection a = connect("a", "alice");
        join(a, "room");
        join(a, "room");
        ClientInvocation m = message("group");
        complete(manager().sendGroup("room", m));
        assertNext(a, m);
        assertNothingMore(a);

        // One removal ends the membership however many times it was added.
        complete(manager().removeFromGroup("a", "room"));
        complete(manager().sendGroup("room", message("afterRemove")));
        assertNothingMore(a);
    }

    @Test
    default void removeFromGroupStopsDeliveryAndKeepsTheOtherMembers() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        join(a, "room");
        join(b, "room");
        complete(manager().removeFromGroup("a", "room"));
        ClientInvocation m = message("group");
        complete(manager().sendGroup("room", m));
        assertNext(b, m);
        assertNothingMore(a, b);

        complete(manager().removeFromGroup("b", "room"));
        complete(manager().sendGroup("room", message("empty")));
        assertNothingMore(a, b);
    }

    @Test
    default void removingANonMemberIsHarmless() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection d = connect("d", null);
        join(a, "room");
        complete(manager().removeFromGroup("d", "room"));
        complete(manager().removeFromGroup("d", "room"));
        complete(manager().removeFromGroup("a", "nothing"));
        ClientInvocation m = message("group");
        complete(manager().sendGroup("room", m));
        assertNext(a, m);
        assertNothingMore(a, d);
    }

    @Test
    default void removeFromOneGroupKeepsTheOtherGroupsOfTheConnection() {
        FakeHubConnection a = connect("a", "alice");
        join(a, "g1", "g2");
        complete(manager().removeFromGroup("a", "g1"));
        ClientInvocation m = message("g2");
        complete(manager().sendGroup("g1", message("g1")));
        complete(manager().sendGroup("g2", m));
        assertNext(a, m);
        assertNothingMore(a);
    }

    @Test
    default void aGroupEmptiedAndJoinedAgainDeliversAgain() {
        FakeHubConnection a = connect("a", "alice");
        join(a, "room");
        complete(manager().removeFromGroup("a", "room"));
        join(a, "room");
        ClientInvocation m = message("again");
        complete(manager().sendGroup("room", m));
        assertNext(a, m);
        assertNothingMore(a);
    }
}
