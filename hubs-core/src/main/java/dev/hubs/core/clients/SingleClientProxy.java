package dev.hubs.core.clients;

import dev.hubs.ClientProxy;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;

import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The proxy of exactly one connection ({@code client(id)}, {@code caller()}): besides sending, it can ask the client
 * for a result.
 */
public final class SingleClientProxy implements ClientProxy {

    private final HubLifetimeManager lifetime;
    private final String connectionId;

    /**
     * Creates the proxy of a connection.
     *
     * @param lifetime     the hub's lifetime manager
     * @param connectionId the connection
     */
    public SingleClientProxy(HubLifetimeManager lifetime, String connectionId) {
        this.lifetime = Objects.requireNonNull(lifetime);
        this.connectionId = Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public CompletionStage<Void> send(String method, Object... arguments) {
        return lifetime.sendConnection(connectionId, new ClientInvocation(method, arguments));
    }

    @Override
    public <T> CompletionStage<T> invoke(Class<T> resultType, String method, Object... arguments) {
        return invoke((Type) resultType, method, arguments);
    }

    /**
     * Asks the client for a result of a generic type (what a typed client interface method returning
     * {@code CompletionStage<List<Person>>} needs).
     *
     * @param resultType the result type
     * @param method     the client method
     * @param arguments  its arguments
     * @param <T>        the result type
     * @return a stage completing with the client's answer
     */
    public <T> CompletionStage<T> invoke(Type resultType, String method, Object... arguments) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(method, "method");
        return lifetime.invokeConnection(connectionId, new ClientInvocation(method, arguments), resultType);
    }

    @Override
    public String toString() {
        return "client " + connectionId;
    }
}
