package dev.hubs.cdi;

import dev.hubs.ClientProxy;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;
import dev.hubs.HubClients;
import dev.hubs.HubContext;
import dev.hubs.core.HubRuntime;
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
     * The clients, seen from the caller of the current invocation.
     *
     * @return untyped targets
     */
    @Produces
    @Dependent
    public HubCallerClients<ClientProxy> callerClients() {
        return CurrentCaller.get().clients();
    }

    /**
     * The clients of a hub, for code anywhere in the application.
     *
     * @param injectionPoint where it is injected, which names the hub
     * @param extension      the extension that knows the hubs
     * @param <H>            the hub class
     * @return the hub's context
     */
    @Produces
    @Dependent
    public <H> HubContext<H> hubContext(InjectionPoint injectionPoint, HubsExtension extension) {
        Type type = injectionPoint.getType();
        if (!(type instanceof ParameterizedType p) || !(p.getActualTypeArguments()[0] instanceof Class<?> hub)) {
            throw new IllegalArgumentException("Inject HubContext with a hub class, as in HubContext<ChatHub>");
        }
        HubRuntime runtime = extension.registry().byClass(hub);
        if (runtime == null) {
            throw new IllegalArgumentException(hub.getName() + " is not a hub of this application");
        }
        HubClients<ClientProxy> clients = runtime.clients();
        return () -> clients;
    }
}
