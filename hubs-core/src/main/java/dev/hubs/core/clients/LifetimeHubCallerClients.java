package dev.hubs.core.clients;

import dev.hubs.ClientProxy;
import dev.hubs.HubCallerClients;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;

import java.util.List;

/**
 * The targets of one invocation's caller: everything of {@link LifetimeHubClients} plus the caller and the
 * others. It keeps the caller's connection id, so it stays exact when used from asynchronous code.
 */
public final class LifetimeHubCallerClients extends LifetimeHubClients implements HubCallerClients<ClientProxy> {

    private final String callerId;
    private final List<String> callerOnly;

    /**
     * Creates the targets of a caller.
     *
     * @param lifetime the hub's lifetime manager
     * @param callerId the caller's connection id
     */
    public LifetimeHubCallerClients(HubLifetimeManager lifetime, String callerId) {
        super(lifetime);
        this.callerId = callerId;
        this.callerOnly = List.of(callerId);
    }

    @Override
    public ClientProxy caller() {
        return new SingleClientProxy(lifetime, callerId);
    }

    @Override
    public ClientProxy others() {
        return (method, args) -> lifetime.sendAllExcept(new ClientInvocation(method, args), callerOnly);
    }

    @Override
    public ClientProxy othersInGroup(String groupName) {
        return (method, args) -> lifetime.sendGroupExcept(groupName, new ClientInvocation(method, args), callerOnly);
    }
}
