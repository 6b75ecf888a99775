package dev.hubs.cdi;

import dev.hubs.cdi.config.HubsConfig;
import dev.hubs.core.HubHeartbeat;
import dev.hubs.core.HubOptions;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.JsonInvocationSerializer;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.UserIdProvider;
import dev.hubs.websocket.WebSocketWriters;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The running hubs of one application, by class and by path.
 */
public final class HubsRegistry implements AutoCloseable {

    /**
     * A validated hub, ready to be started.
     *
     * @param hubClass  the hub class
     * @param path      its path
     * @param methods   its method table
     * @param activator creates its instances
     */
    record HubDefinition(Class<?> hubClass, String path, HubMethodTable methods, HubActivator activator) {
    }

    /**
     * Runs the invocations of hubs whose clients may run several at once
     * ({@code maximum-parallel-invocations-per-client} above 1), so that blocking hub methods really overlap. One
     * pool per application (this class lives in the WAR), shut down with it; idle threads end after a minute.
     */
    private static final ExecutorService INVOCATIONS = invocationPool();

    private final Map<Class<?>, HubRuntime> byClass;
    private final Map<String, HubRuntime> byPath;
    private final HubHeartbeat heartbeat;
    private final Jsonb jsonb;
    private final WebSocketWriters webSocketWriters = new WebSocketWriters();

    private HubsRegistry(Collection<HubRuntime> runtimes, HubHeartbeat heartbeat, Jsonb jsonb) {
        this.byClass = runtimes.stream().collect(Collectors.toUnmodifiableMap(HubRuntime::hubClass,
                Function.identity()));
        this.byPath = runtimes.stream().collect(Collectors.toUnmodifiableMap(HubRuntime::path, Function.identity()));
        this.heartbeat = heartbeat;
        this.jsonb = jsonb;
    }

    static HubsRegistry start(List<HubDefinition> definitions, BeanManager beanManager) {
        HubsConfig config = HubsConfig.forApplication();
        List<String> problems = new ArrayList<>();
        Map<Class<?>, HubOptions> options = new HashMap<>();
        for (HubDefinition definition : definitions) {
            try {
                options.put(definition.hubClass(), config.options(definition.hubClass()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new DeploymentException(String.join("\n", problems));
        }
        Jsonb jsonb = JsonbBuilder.create();
        JsonProvider json = JsonProvider.provider();
        LifetimeManagers lifetimeManagers = LifetimeManagers.load(config::value,
                new JsonInvocationSerializer(json, new JsonHubProtocol(json, jsonb)));
        Map<Class<?>, HubLifetimeManager> managers = new HashMap<>();
        for (HubDefinition definition : definitions) {
            try {
                managers.put(definition.hubClass(), lifetimeManagers.create(definition.hubClass(), definition.path()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            managers.values().forEach(LifetimeManagers::close);
            closeQuietly(jsonb);
            throw new DeploymentException(String.join("\n", problems));
        }
        UserIdProvider userIds = userIdProvider(beanManager);
        UnaryOperator<Throwable> errors = OptionalApis.present(ConstraintViolations.API_CLASS)
                ? ConstraintViolations.translator() : UnaryOperator.identity();
        List<HubRuntime> runtimes = definitions.stream()
                .map(d -> new HubRuntime(d.path(), d.methods(), d.activator(), managers.get(d.hubClass()),
                        userIds, jsonb, options.get(d.hubClass()), errors, INVOCATIONS))
                .toList();
        HubHeartbeat heartbeat = new HubHeartbeat(1000);
        for (HubRuntime runtime : runtimes) {
            heartbeat.register(runtime);
            CdiLog.hubRegistered(runtime.hubClass().getName(), runtime.path(), definitions.stream()
                    .filter(d -> d.hubClass() == runtime.hubClass()).findFirst()
                    .map(d -> d.methods().methods().size()).orElse(0));
        }
        return new HubsRegistry(runtimes, heartbeat, jsonb);
    }

    private static UserIdProvider userIdProvider(BeanManager beanManager) {
        Set<Bean<?>> beans = beanManager.getBeans(UserIdProvider.class);
        if (beans.isEmpty()) {
            return UserIdProvider.principalName();
        }
        Bean<?> bean = beanManager.resolve(beans);
        return (UserIdProvider) beanManager.getReference(bean, UserIdProvider.class,
                beanManager.createCreationalContext(bean));
    }

    /**
     * The hub served at a path.
     *
     * @param path the hub path
     * @return the hub, or {@code null}
     */
    public HubRuntime byPath(String path) {
        return byPath.get(path);
    }

    /**
     * The hub of a class.
     *
     * @param hubClass the hub class
     * @return the hub, or {@code null}
     */
    public HubRuntime byClass(Class<?> hubClass) {
        return byClass.get(hubClass);
    }

    /**
     * The threads that write to the application's WebSockets.
     *
     * @return the writers
     */
    public WebSocketWriters webSocketWriters() {
        return webSocketWriters;
    }

    /**
     * Every hub.
     *
     * @return the hubs
     */
    public Collection<HubRuntime> runtimes() {
        return byPath.values();
    }

    private static ExecutorService invocationPool() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "hubs-invocation-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return pool;
    }

    /** Ends every connection and stops the timer. */
    @Override
    public void close() {
        INVOCATIONS.shutdown();
        heartbeat.close();
        for (HubRuntime runtime : byPath.values()) {
            runtime.shutdown();
        }
        webSocketWriters.close();
        // After the connections: a backplane lets go of its connections to other servers last.
        for (HubRuntime runtime : byPath.values()) {
            LifetimeManagers.close(runtime.lifetimeManager());
        }
        closeQuietly(jsonb);
    }

    private static void closeQuietly(Jsonb jsonb) {
        try {
            jsonb.close();
        } catch (Exception e) {
            CdiLog.transportError("Closing JSON-B", e);
        }
    }
}
