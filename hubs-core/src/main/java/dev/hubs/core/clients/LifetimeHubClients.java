package dev.hubs.core.clients;

import dev.hubs.ClientProxy;
import dev.hubs.HubClients;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Every target of {@link HubClients}, as a {@link ClientProxy} sending through the hub's lifetime manager.
 */
public class LifetimeHubClients implements HubClients<ClientProxy> {

    /** Where every message goes. */
    protected final HubLifetimeManager lifetime;

    /**
     * Creates the targets of one hub.
     *
     * @param lifetime the hub's lifetime manager
     */
    public LifetimeHubClients(HubLifetimeManager lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime);
    }

    @Override
    public ClientProxy all() {
        return (method, args) -> lifetime.sendAll(new ClientInvocation(method, args));
    }

    @Override
    public ClientProxy allExcept(Collection<String> excludedConnectionIds) {
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return (method, args) -> lifetime.sendAllExcept(new ClientInvocation(method, args), excluded);
    }

    @Override
    public ClientProxy client(String connectionId) {
        return new SingleClientProxy(lifetime, connectionId);
    }

    @Override
    public ClientProxy clients(Collection<String> connectionIds) {
        List<String> ids = List.copyOf(connectionIds);
        return (method, args) -> lifetime.sendConnections(ids, new ClientInvocation(method, args));
    }

    @Override
    public ClientProxy group(String groupName) {
        Objects.requireNonNull(groupName, "groupName");
        return (method, args) -> lifetime.sendGroup(groupName, new ClientInvocation(method, args));
    }

    @Override
    public ClientProxy groups(Collection<String> groupNames) {
        List<String> names = List.copyOf(groupNames);
        return (method, args) -> lifetime.sendGroups(names, new ClientInvocation(method, args));
    }

    @Override
    public ClientProxy groupExcept(String groupName, Collection<String> excludedConnectionIds) {
        Objects.requireNonNull(groupName, "groupName");
        List<String> excluded = List.copyOf(excludedConnectionIds);
        return (method, args) -> lifetime.sendGroupExcept(groupName, new ClientInvocation(method, args), excluded);
    }

    @Override
    public ClientProxy user(String userId) {
        Objects.requireNonNull(userId, "userId");
        return (method, args) -> lifetime.sendUser(userId, new ClientInvocation(method, args));
    }

    @Override
    public ClientProxy users(Collection<String> userIds) {
        List<String> ids = List.copyOf(userIds);
        return (method, args) -> lifetime.sendUsers(ids, new ClientInvocation(method, args));
    }
}
