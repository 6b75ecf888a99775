package dev.hubs.core.clients;

import dev.hubs.HubCallerContext;
import dev.hubs.HubRequest;
import dev.hubs.core.connection.HubConnectionContext;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HubCallerContext} over a connection.
 */
public final class ConnectionCallerContext implements HubCallerContext {

    private final HubConnectionContext connection;
    private final Runnable abort;

    /**
     * Creates the context of a connection.
     *
     * @param connection the connection
     * @param abort      closes the connection from the server side
     */
    public ConnectionCallerContext(HubConnectionContext connection, Runnable abort) {
        this.connection = connection;
        this.abort = abort;
    }

    @Override
    public String connectionId() {
        return connection.connectionId();
    }

    @Override
    public Optional<String> userId() {
        return connection.userId();
    }

    @Override
    public Optional<Principal> principal() {
        return connection.principal();
    }

    @Override
    public String transport() {
        return connection.transportName();
    }

    @Override
    public HubRequest request() {
        return connection.request();
    }

    @Override
    public Map<Object, Object> items() {
        return connection.items();
    }

    @Override
    public void abort() {
        abort.run();
    }

    @Override
    public String toString() {
        return "HubCallerContext[" + connection.connectionId() + "]";
    }
}
