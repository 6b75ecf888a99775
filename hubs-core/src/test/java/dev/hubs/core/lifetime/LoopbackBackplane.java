package dev.hubs.core.lifetime;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubConnection;
import dev.hubs.spi.HubLifetimeManager;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A test double of a backplane, so that the peer tests and the asynchronous waits of the contract suite run before
 * a real backplane exists: several servers, each a {@link DefaultHubLifetimeManager} for its own connections, and a
 * bus that applies every send and group change to every server on one thread of its own, later than the call that
 * published it (as Redis pub/sub would, in publication order).
 */
final class LoopbackBackplane implements AutoCloseable {

    private final ExecutorService bus = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "loopback-backplane");
        thread.setDaemon(true);
        return thread;
    });
    private final List<DefaultHubLifetimeManager> servers = new CopyOnWriteArrayList<>();

    /**
     * Adds a server to the cluster.
     *
     * @return its lifetime manager
     */
    HubLifetimeManager newServer() {
        DefaultHubLifetimeManager local = new DefaultHubLifetimeManager();
        servers.add(local);
        return new Server(local);
    }

    /** Runs an operation on every server, on the bus; the stage completes once every server has applied it. */
    private CompletionStage<Void> publish(Consumer<DefaultHubLifetimeManager> operation) {
        return CompletableFuture.runAsync(() -> servers.forEach(operation), bus);
    }

    @Override
    public void close() {
        bus.shutdownNow();
    }

    /** One server: its connections are local, everything else goes over the bus. */
    private final class Server implements HubLifetimeManager {

        private final DefaultHubLifetimeManager local;

        Server(DefaultHubLifetimeManager local) {
            this.local = local;
        }

        @Override
        public CompletionStage<Void> onConnected(HubConnection connection) {
            return local.onConnected(connection);
        }

        @Override
        public CompletionStage<Void> onDisconnected(HubConnection connection) {
            return local.onDisconnected(connection);
        }

        @Override
        public CompletionStage<Void> sendAll(ClientInvocation invocation) {
            return publish(server -> server.sendAll(invocation));
        }

        @Override
        public CompletionStage<Void> sendAllExcept(ClientInvocation invocation, Collection<String> excluded) {
            return publish(server -> server.sendAllExcept(invocation, excluded));
        }

        @Override
        public CompletionStage<Void> sendConnection(String connectionId, ClientInvocation invocation) {
            return publish(server -> server.sendConnection(connectionId, invocation));
        }

        @Override
        public CompletionStage<Void> sendConnections(Collection<String> connectionIds, ClientInvocation invocation) {
            return publish(server -> server.sendConnections(connectionIds, invocation));
        }

        @Override
        public CompletionStage<Void> sendGroup(String groupName, ClientInvocation invocation) {
            return publish(server -> server.sendGroup(groupName, invocation));
        }

        @Override
        public CompletionStage<Void> sendGroups(Collection<String> groupNames, ClientInvocation invocation) {
            return publish(server -> server.sendGroups(groupNames, invocation));
        }

        @Override
        public CompletionStage<Void> sendGroupExcept(String groupName, ClientInvocation invocation,
                                                     Collection<String> excluded) {
            return publish(server -> server.sendGroupExcept(groupName, invocation, excluded));
        }

        @Override
        public CompletionStage<Void> sendUser(String userId, ClientInvocation invocation) {
            return publish(server -> server.sendUser(userId, invocation));
        }

        @Override
        public CompletionStage<Void> sendUsers(Collection<String> userIds, ClientInvocation invocation) {
            return publish(server -> server.sendUsers(userIds, invocation));
        }

        @Override
        public CompletionStage<Void> addToGroup(String connectionId, String groupName) {
            // Only the server that owns the connection knows it; the others ignore an unknown id.
            return publish(server -> server.addToGroup(connectionId, groupName));
        }

        @Override
        public CompletionStage<Void> removeFromGroup(String connectionId, String groupName) {
            return publish(server -> server.removeFromGroup(connectionId, groupName));
        }
    }
}
