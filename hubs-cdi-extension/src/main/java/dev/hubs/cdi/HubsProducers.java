package dev.hubs.cdi;

import dev.hubs.ClientProxy;
import dev.hubs.GroupManager;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import dev.hubs.HubClients;
import dev.hubs.HubContext;
import dev.hubs.HubMonitor;
import dev.hubs.HubStatistics;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.clients.TypedHubClients;
import dev.hubs.core.dispatch.HubCaller;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The beans hub code injects. Added to the application by {@link HubsExtension}; not meant to be used directly.
 */
@Dependent
public class HubsProducers {

    /**
     * The caller of the current invocation.
     *
     * @return the caller's context
     */
    @Produces
    @Dependent
    public HubCallerContext callerContext() {
        return CurrentCaller.get().context();
    }

    /**
     * The clients, seen from the caller of the current invocation: untyped ({@code HubCallerClients<ClientProxy>})
     * or through a client interface ({@code HubCallerClients<ChatClient>}).
     *
     * @param injectionPoint where it is injected, which names the proxy type
     * @param extension      the extension that checked the client interfaces
     * @param <C>            the proxy type
     * @return the caller's targets
     */
    @Produces
    @Dependent
    @SuppressWarnings("unchecked")
    public <C> HubCallerClients<C> callerClients(InjectionPoint injectionPoint, HubsExtension extension) {
        HubCaller caller = CurrentCaller.get();
        Class<?> proxyType = typeArgument(injectionPoint, "HubCallerClients<ClientProxy>");
        if (proxyType == ClientProxy.class) {
            return (HubCallerClients<C>) caller.clients();
        }
        return (HubCallerClients<C>) TypedHubClients.ofCaller(caller.clients(), extension.clientInterface(proxyType));
    }

    /**
     * The groups of the hub of the current invocation.
     *
     * @return the group manager
     */
    @Produces
    @Dependent
    public GroupManager groups() {
        return CurrentCaller.get().groups();
    }

    /**
     * The clients and groups of a hub, for code anywhere in the application.
     *
     * @param injectionPoint where it is injected, which names the hub
     * @param extension      the extension that knows the hubs
     * @param <H>            the hub class
     * @return the hub's context
     */
    @Produces
    @Dependent
    public <H> HubContext<H> hubContext(InjectionPoint injectionPoint, HubsExtension extension) {
        Class<?> hub = typeArgument(injectionPoint, "HubContext<ChatHub>");
        HubRuntime runtime = extension.registry().byClass(hub);
        if (runtime == null) {
            throw new IllegalArgumentException(hub.getName() + " is not a hub of this application");
        }
        return new RuntimeHubContext<>(runtime, extension);
    }

    /**
     * What a hub holds, for operators and tests.
     *
     * @param injectionPoint where it is injected, which names the hub
     * @param extension      the extension that knows the hubs
     * @param <H>            the hub class
     * @return the hub's monitor
     */
    @Produces
    @Dependent
    public <H> HubMonitor<H> hubMonitor(InjectionPoint injectionPoint, HubsExtension extension) {
        Class<?> hub = typeArgument(injectionPoint, "HubMonitor<ChatHub>");
        HubRuntime runtime = extension.registry().byClass(hub);
        if (runtime == null) {
            throw new IllegalArgumentException(hub.getName() + " is not a hub of this application");
        }
        return new RuntimeHubMonitor<>(runtime);
    }

    private static Class<?> typeArgument(InjectionPoint injectionPoint, String example) {
        Type type = injectionPoint.getType();
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> argument) {
            return argument;
        }
        throw new IllegalArgumentException("Inject it with a class as type argument, as in " + example
                + ", not as " + type.getTypeName());
    }

    /** {@link HubMonitor} over a hub's run-time. */
    private record RuntimeHubMonitor<H>(HubRuntime runtime) implements HubMonitor<H> {

        @Override
        public String path() {
            return runtime.path();
        }

        @Override
        public HubStatistics statistics() {
            return runtime.statistics();
        }
    }

    /** {@link HubContext} over a hub's run-time. */
    private record RuntimeHubContext<H>(HubRuntime runtime, HubsExtension extension) implements HubContext<H> {

        @Override
        public HubClients<ClientProxy> clients() {
            return runtime.clients();
        }

        @Override
        public <C> HubClients<C> clients(Class<C> clientInterface) {
            return TypedHubClients.of(runtime.clients(), extension.clientInterface(clientInterface));
        }

        @Override
        public GroupManager groups() {
            return runtime.groups();
        }
    }
}
