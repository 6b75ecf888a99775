package dev.hubs.spi;

import java.util.Optional;

/**
 * Provides the {@link HubLifetimeManager} of each hub in place of the in-memory one, for example a backplane that
 * reaches connections on other servers. Found with {@link java.util.ServiceLoader} in the application's class
 * loader: a jar in {@code WEB-INF/lib} names its implementation in
 * {@code META-INF/services/dev.hubs.spi.HubLifetimeManagerFactory}.
 *
 * <p>When the application starts, Hubs asks every factory found for the manager of each hub. A factory that is not
 * configured answers {@link Optional#empty()}, and the hub keeps the in-memory manager; when more than one factory
 * answers for a hub, the deployment fails naming them. A factory that finds its configuration wrong throws
 * {@link IllegalArgumentException} with a message naming the key, and the deployment fails with that message.
 *
 * <p>A manager that implements {@link AutoCloseable} is closed when the application stops, after every connection
 * of its hub has ended.
 *
 * <pre>{@code
 * public final class RedisLifetimeManagerFactory implements HubLifetimeManagerFactory {
 *     public Optional<HubLifetimeManager> create(Context hub) {
 *         return hub.config("hubs.redis.uri").map(uri -> new RedisHubLifetimeManager(uri, hub));
 *     }
 * }
 * }</pre>
 */
public interface HubLifetimeManagerFactory {

    /**
     * Creates the lifetime manager of one hub.
     *
     * @param hub the hub and what its manager may need
     * @return the manager, or empty to leave the hub to the in-memory manager
     * @throws IllegalArgumentException when the factory's configuration is wrong; the message names the key
     */
    Optional<HubLifetimeManager> create(Context hub);

    /**
     * What a factory learns of the hub it makes a manager for.
     */
    interface Context {

        /**
         * The hub class. Its fully qualified name identifies the hub across the servers running the application.
         *
         * @return the hub class
         */
        Class<?> hubClass();

        /**
         * The hub's path, relative to the context root.
         *
         * @return for example {@code /chat}
         */
        String path();

        /**
         * A configuration value of the application (MicroProfile Config when the server offers it).
         *
         * @param key the full key, for example {@code hubs.redis.uri}
         * @return the value, or empty when it is not set
         */
        Optional<String> config(String key);

        /**
         * The wire format of the hub's connections, for a manager that carries serialized messages between servers.
         *
         * @return the serializer
         */
        InvocationSerializer serializer();
    }
}
