package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * How a message is handed over: a refusing connection does not hold up the others, and one invocation
 * reaches all receivers of a server as one instance, serialized once per format.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface DeliveryContract extends ContractFixture {

    @Test
    default void aConnectionThatRefusesSendsDoesNotStopDeliveryToTheOthers() {
        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "bob");
        FakeHubConnection c = connect("c", "alice");
        join(a, "room");
        join(b, "room");
        a.refuseSends();
        // The stages may complete either way (a connection applies its own policy); they must complete.
        ClientInvocation all = message("all");
        settle(manager().sendAll(all));
        ClientInvocation group = message("group");
        settle(manager().sendGroup("room", group));
        ClientInvocation user = message("user");
        settle(manager().sendUser("alice", user));
        ClientInvocation connections = message("connections");
        settle(manager().sendConnections(List.of("a", "b"), connections));
        assertNext(b, all);
        assertNext(b, group);
        assertNext(b, connections);
        assertNext(c, all);
        assertNext(c, user);
        assertNothingMore(b, c);
        assertEquals(4, a.refusedCount(), "each send was offered to the refusing connection once");

        // Refusing a message does not end the connection: the manager still knows it and its memberships.
        a.acceptSends();
        ClientInvocation later = message("later");
        complete(manager().sendGroup("room", later));
        assertNext(a, later);
        assertNext(b, later);
        assertNothingMore(a, b);
    }

    @Test
    default void oneInvocationIsSharedByItsReceiversAndSerializedOncePerFormat() {
        List<FakeHubConnection> connections = new ArrayList<>();
        List<FakeHubConnection> even = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            FakeHubConnection connection = connect("c" + i, "user" + (i % 3));
            connections.add(connection);
            if (i % 2 == 0) {
                join(connection, "even");
                even.add(connection);
            }
        }
        ClientInvocation all = message("all");
        complete(manager().sendAll(all));
        assertSharedAndSerializedOnce(all, connections);

        ClientInvocation group = message("group");
        complete(manager().sendGroup("even", group));
        assertSharedAndSerializedOnce(group, even);
    }

    private static void assertSharedAndSerializedOnce(ClientInvocation sent, List<FakeHubConnection> receivers) {
        Object json = new Object();
        Object binary = new Object();
        AtomicInteger jsonCalls = new AtomicInteger();
        AtomicInteger binaryCalls = new AtomicInteger();
        ClientInvocation first = null;
        for (FakeHubConnection receiver : receivers) {
            ClientInvocation received = receiver.nextMessage(TIMEOUT);
            assertEquals(sent, received);
            if (first == null) {
                first = received;
            }
            assertSame(first, received, "every connection of a server receives the one instance");
            // What a real connection does with it: ask for its protocol's bytes.
            assertEquals("json", received.serialized(json, i -> {
                jsonCalls.incrementAndGet();
                return "json";
            }));
            assertEquals("binary", received.serialized(binary, i -> {
                binaryCalls.incrementAndGet();
                return "binary";
            }));
        }
        assertEquals(1, jsonCalls.get(), "serialized once for the first format");
        assertEquals(1, binaryCalls.get(), "serialized once for the second format");
    }
}
