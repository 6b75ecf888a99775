package dev.hubs.cdi;

import dev.hubs.core.lifetime.DefaultHubLifetimeManager;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.HubLifetimeManagerFactory;
import dev.hubs.spi.InvocationSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Chooses the lifetime manager of each hub: the one a {@link HubLifetimeManagerFactory} of the application provides
 * (found with {@link ServiceLoader}, for example in {@code hubs-redis}), or the in-memory one.
 */
final class LifetimeManagers {

    private final List<HubLifetimeManagerFactory> factories;
    private final Function<String, Optional<String>> config;
    private final InvocationSerializer serializer;

    /**
     * A chooser over given factories (tests; the application's are found by {@link #load}).
     *
     * @param factories  the factories, asked in order
     * @param config     the application's configuration
     * @param serializer the wire format of the hubs' connections
     */
    LifetimeManagers(List<HubLifetimeManagerFactory> factories, Function<String, Optional<String>> config,
                     InvocationSerializer serializer) {
        this.factories = factories;
        this.config = config;
        this.serializer = serializer;
    }

    /**
     * Finds the factories visible to the application.
     *
     * @param config     the application's configuration
     * @param serializer the wire format of the hubs' connections
     * @return the chooser
     */
    static LifetimeManagers load(Function<String, Optional<String>> config, InvocationSerializer serializer) {
        List<HubLifetimeManagerFactory> found = new ArrayList<>();
        ServiceLoader.load(HubLifetimeManagerFactory.class, LifetimeManagers.class.getClassLoader())
                .forEach(found::add);
        return new LifetimeManagers(List.copyOf(found), config, serializer);
    }

    /**
     * The manager of one hub.
     *
     * @param hubClass the hub class
     * @param path     its path
     * @return the manager
     * @throws IllegalArgumentException when a factory's configuration is wrong, or two factories answer
     */
    HubLifetimeManager create(Class<?> hubClass, String path) {
        HubLifetimeManagerFactory.Context context = new Context(hubClass, path);
        HubLifetimeManager chosen = null;
        HubLifetimeManagerFactory chosenBy = null;
        for (HubLifetimeManagerFactory factory : factories) {
            Optional<HubLifetimeManager> manager = factory.create(context);
            if (manager.isEmpty()) {
                continue;
            }
            if (chosen != null) {
                close(manager.get());
                close(chosen);
                throw new IllegalArgumentException("Hub " + hubClass.getName() + " is given a lifetime manager by "
                        + chosenBy.getClass().getName() + " and by " + factory.getClass().getName()
                        + ": configure only one of them");
            }
            chosen = manager.get();
            chosenBy = factory;
        }
        if (chosen == null) {
            return new DefaultHubLifetimeManager();
        }
        CdiLog.lifetimeManagerChosen(hubClass.getName(), chosen.toString());
        return chosen;
    }

    /**
     * Closes a manager that holds resources (a backplane's connections); the in-memory one holds none.
     *
     * @param manager the manager
     */
    static void close(HubLifetimeManager manager) {
        if (manager instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                CdiLog.transportError("Closing the lifetime manager " + manager, e);
            }
        }
    }

    private final class Context implements HubLifetimeManagerFactory.Context {
        private final Class<?> hubClass;
        private final String path;

        Context(Class<?> hubClass, String path) {
            this.hubClass = hubClass;
            this.path = path;
        }

        @Override
        public Class<?> hubClass() {
            return hubClass;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Optional<String> config(String key) {
            return config.apply(key);
        }

        @Override
        public InvocationSerializer serializer() {
            return serializer;
        }
    }
}
