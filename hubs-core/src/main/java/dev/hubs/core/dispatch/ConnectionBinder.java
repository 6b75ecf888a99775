package dev.hubs.core.dispatch;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.UploadStream;
import dev.hubs.core.protocol.InvocationBinder;

import java.lang.reflect.Type;
import java.util.List;

/**
 * The types of what one connection may send: arguments from the hub's method table, results of the client results
 * it owes, and items of the streams it uploads. Values that refer to nothing known are read as plain JSON values
 * and then ignored.
 */
public final class ConnectionBinder implements InvocationBinder {

    private final HubMethodTable methods;
    private final HubConnectionContext connection;

    /**
     * Creates the binder of a connection.
     *
     * @param methods    the hub's methods
     * @param connection the connection
     */
    public ConnectionBinder(HubMethodTable methods, HubConnectionContext connection) {
        this.methods = methods;
        this.connection = connection;
    }

    @Override
    public List<Type> parameterTypes(String target) {
        return methods.parameterTypes(target);
    }

    @Override
    public Type returnType(String invocationId) {
        Type type = connection.results().type(invocationId);
        return type == null ? Object.class : type;
    }

    @Override
    public Type streamItemType(String streamId) {
        UploadStream upload = connection.streams().upload(streamId);
        return upload == null ? Object.class : upload.itemType();
    }
}
