package dev.hubs.redis;

import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.HubLifetimeManagerFactory;

import java.util.Optional;

/**
 * Gives every hub of the application a {@link RedisHubLifetimeManager} when {@code hubs.redis.uri} is set (see
 * {@link RedisBackplaneOptions}); found by Hubs with {@link java.util.ServiceLoader}. The hubs of one application
 * share one {@link RedisLink}: one connection to publish and one to listen.
 */
public final class RedisLifetimeManagerFactory implements HubLifetimeManagerFactory {

    private RedisLink link;

    /** Creates the factory; {@link java.util.ServiceLoader} does. */
    public RedisLifetimeManagerFactory() {
    }

    @Override
    public synchronized Optional<HubLifetimeManager> create(Context hub) {
        Optional<RedisBackplaneOptions> options = RedisBackplaneOptions.from(hub::config);
        if (options.isEmpty()) {
            return Optional.empty();
        }
        if (link == null) {
            link = new RedisLink(options.get());
        }
        RedisHubLifetimeManager manager = new RedisHubLifetimeManager(link, hub.hubClass().getName(),
                hub.serializer());
        return Optional.of(manager);
    }
}
