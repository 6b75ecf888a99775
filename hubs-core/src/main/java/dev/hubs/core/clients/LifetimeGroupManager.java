package dev.hubs.core.clients;

import dev.hubs.GroupManager;
import dev.hubs.spi.HubLifetimeManager;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * {@link GroupManager} over a hub's lifetime manager.
 */
public final class LifetimeGroupManager implements GroupManager {

    private final HubLifetimeManager lifetime;

    /**
     * Creates the group manager of a hub.
     *
     * @param lifetime the hub's lifetime manager
     */
    public LifetimeGroupManager(HubLifetimeManager lifetime) {
        this.lifetime = Objects.requireNonNull(lifetime);
    }

    @Override
    public CompletionStage<Void> add(String connectionId, String groupName) {
        return lifetime.addToGroup(Objects.requireNonNull(connectionId, "connectionId"),
                Objects.requireNonNull(groupName, "groupName"));
    }

    @Override
    public CompletionStage<Void> remove(String connectionId, String groupName) {
        return lifetime.removeFromGroup(Objects.requireNonNull(connectionId, "connectionId"),
                Objects.requireNonNull(groupName, "groupName"));
    }
}
