package dev.hubs.core.lifetime;

import dev.hubs.core.lifetime.contract.HubLifetimeManagerContract;
import dev.hubs.spi.HubLifetimeManager;

/**
 * The contract against {@link LoopbackBackplane}: this runs the suite's peer tests and its waits for asynchronous
 * delivery, which the in-memory manager alone never exercises, so the suite is known to work before the Redis
 * backplane relies on it. It is also the smallest example of a backplane subclass.
 */
class LoopbackBackplaneContractTest extends HubLifetimeManagerContract {

    private LoopbackBackplane cluster;

    @Override
    protected HubLifetimeManager createManager() {
        cluster = new LoopbackBackplane();
        return cluster.newServer();
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected HubLifetimeManager createPeer() {
        return cluster.newServer();
    }

    @Override
    protected void closeManagers() {
        cluster.close();
    }
}
