package dev.hubs.core.clients;

import dev.hubs.ClientProxy;
import dev.hubs.HubCallerClients;
import dev.hubs.HubClients;

import java.util.Collection;
import java.util.function.Function;

/**
 * The targets of {@link HubClients} in another proxy type: each untyped target is turned into a {@code C}.
 *
 * @param <C> the proxy type
 */
public class TypedHubClients<C> implements HubClients<C> {

    private final HubClients<ClientProxy> untyped;
    /** Turns an untyped target into a typed one. */
    protected final Function<ClientProxy, C> typed;

    /**
     * Wraps untyped targets.
     *
     * @param untyped the untyped targets
     * @param typed   turns an untyped target into a typed one
     */
    public TypedHubClients(HubClients<ClientProxy> untyped, Function<ClientProxy, C> typed) {
        this.untyped = untyped;
        this.typed = typed;
    }

    /**
     * Typed clients over a client interface.
     *
     * @param untyped         the untyped targets
     * @param clientInterface the checked interface
     * @param <C>             its type
     * @return typed targets
     */
    public static <C> HubClients<C> of(HubClients<ClientProxy> untyped, ClientInterface<C> clientInterface) {
        return new TypedHubClients<>(untyped, clientInterface::proxy);
    }

    /**
     * Typed caller clients over a client interface.
     *
     * @param untyped         the untyped targets of the caller
     * @param clientInterface the checked interface
     * @param <C>             its type
     * @return typed targets
     */
    public static <C> HubCallerClients<C> ofCaller(HubCallerClients<ClientProxy> untyped,
                                                   ClientInterface<C> clientInterface) {
        return new Caller<>(untyped, clientInterface::proxy);
    }

    @Override
    public C all() {
        return typed.apply(untyped.all());
    }

    @Override
    public C allExcept(Collection<String> excludedConnectionIds) {
        return typed.apply(untyped.allExcept(excludedConnectionIds));
    }

    @Override
    public C client(String connectionId) {
        return typed.apply(untyped.client(connectionId));
    }

    @Override
    public C clients(Collection<String> connectionIds) {
        return typed.apply(untyped.clients(connectionIds));
    }

    @Override
    public C group(String groupName) {
        return typed.apply(untyped.group(groupName));
    }

    @Override
    public C groups(Collection<String> groupNames) {
        return typed.apply(untyped.groups(groupNames));
    }

    @Override
    public C groupExcept(String groupName, Collection<String> excludedConnectionIds) {
        return typed.apply(untyped.groupExcept(groupName, excludedConnectionIds));
    }

    @Override
    public C user(String userId) {
        return typed.apply(untyped.user(userId));
    }

    @Override
    public C users(Collection<String> userIds) {
        return typed.apply(untyped.users(userIds));
    }

    /** The caller's targets, typed. */
    private static final class Caller<C> extends TypedHubClients<C> implements HubCallerClients<C> {
        private final HubCallerClients<ClientProxy> callerUntyped;

        Caller(HubCallerClients<ClientProxy> untyped, Function<ClientProxy, C> typed) {
            super(untyped, typed);
            this.callerUntyped = untyped;
        }

        @Override
        public C caller() {
            return typed.apply(callerUntyped.caller());
        }

        @Override
        public C others() {
            return typed.apply(callerUntyped.others());
        }

        @Override
        public C othersInGroup(String groupName) {
            return typed.apply(callerUntyped.othersInGroup(groupName));
        }
    }
}
