package dev.hubs.cdi;

import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.HubLifetimeManagerFactory;
import dev.hubs.spi.InvocationSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a hub's lifetime manager is chosen among the factories an application brings. */
class LifetimeManagersTest {

    private static final InvocationSerializer SERIALIZER = new InvocationSerializer() {
        @Override
        public String protocol() {
            return "test";
        }

        @Override
        public byte[] serialize(ClientInvocation invocation) {
            return new byte[0];
        }

        @Override
        public ClientInvocation deserialize(byte[] serialized) {
            return new ClientInvocation("x");
        }
    };

    private final List<String> closed = new ArrayList<>();

    private LifetimeManagers managers(HubLifetimeManagerFactory... factories) {
        Map<String, String> config = Map.of("test.backplane", "on");
        return new LifetimeManagers(List.of(factories), key -> Optional.ofNullable(config.get(key)), SERIALIZER);
    }

    @Test
    void withoutAFactoryAHubKeepsTheInMemoryManager() {
        assertInstanceOf(DefaultHubLifetimeManager.class, managers().create(Object.class, "/a"));
        assertInstanceOf(DefaultHubLifetimeManager.class, managers(hub -> Optional.empty()).create(Object.class, "/a"));
    }

    @Test
    void aConfiguredFactoryProvidesTheManagerAndLearnsTheHub() {
        List<HubLifetimeManagerFactory.Context> seen = new ArrayList<>();
        Closeable manager = new Closeable("redis");
        HubLifetimeManager chosen = managers(hub -> Optional.empty(), hub -> {
            seen.add(hub);
            return hub.config("test.backplane").map(on -> manager);
        }).create(String.class, "/chat");
        assertSame(manager, chosen);
        assertEquals(String.class, seen.get(0).hubClass());
        assertEquals("/chat", seen.get(0).path());
        assertSame(SERIALIZER, seen.get(0).serializer());
        assertEquals(Optional.empty(), seen.get(0).config("unset"));

        LifetimeManagers.close(chosen);
        assertEquals(List.of("redis"), closed, "a closeable manager is closed with the application");
    }

    @Test
    void twoFactoriesForOneHubFailTheDeploymentNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> managers(
                new First(), new Second()).create(Integer.class, "/n"));
        assertTrue(e.getMessage().contains(First.class.getName()) && e.getMessage().contains(Second.class.getName())
                && e.getMessage().contains(Integer.class.getName()), e.getMessage());
        assertEquals(List.of("second", "first"), closed, "both managers were let go");
    }

    private final class First implements HubLifetimeManagerFactory {
        @Override
        public Optional<HubLifetimeManager> create(Context hub) {
            return Optional.of(new Closeable("first"));
        }
    }

    private final class Second implements HubLifetimeManagerFactory {
        @Override
        public Optional<HubLifetimeManager> create(Context hub) {
            return Optional.of(new Closeable("second"));
        }
    }

    /** A manager that records its closing; it is never sent anything here. */
    private final class Closeable implements HubLifetimeManager, AutoCloseable {
        private final String name;
        private final DefaultHubLifetimeManager delegate = new DefaultHubLifetimeManager();

        Closeable(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            closed.add(name);
        }

        @Override
        public CompletionStage<Void> onConnected(HubConnection connection) {
            return delegate.onConnected(connection);
        }

        @Override
        public CompletionStage<Void> onDisconnected(HubConnection connection) {
            return delegate.onDisconnected(connection);
        }

        @Override
        public CompletionStage<Void> sendAll(ClientInvocation invocation) {
            return delegate.sendAll(invocation);
        }

        @Override
        public CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excluded) {
            return delegate.sendAllExcept(invocation, excluded);
        }

        @Override
        public CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation) {
            return delegate.sendConnection(connectionId, invocation);
        }

        @Override
        public CompletionStage<Void> sendConnections(Collection<String> ids, ClientInvocation invocation) {
            return delegate.sendConnections(ids, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroup(String group, ClientInvocation invocation) {
            return delegate.sendGroup(group, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroups(Collection<String> groups, ClientInvocation invocation) {
            return delegate.sendGroups(groups, invocation);
        }

        @Override
        public CompletionStage<Void> sendGroupExcept(String group, ClientInvocation invocation,
                                                     Collection<String> excluded) {
            return delegate.sendGroupExcept(group, invocation, excluded);
        }

        @Override
        public CompletionStage<Void> sendUser(String user, ClientInvocation invocation) {
            return delegate.sendUser(user, invocation);
        }

        @Override
        public CompletionStage<Void> sendUsers(Collection<String> users, ClientInvocation invocation) {
            return delegate.sendUsers(users, invocation);
        }

        @Override
        public CompletionStage<Void> addToGroup(String connectionId, String group) {
            return delegate.addToGroup(connectionId, group);
        }

        @Override
        public CompletionStage<Void> removeFromGroup(String connectionId, String group) {
            return delegate.removeFromGroup(connectionId, group);
        }
    }
}
