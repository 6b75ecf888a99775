package dev.hubs.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A call of a client-side method, on its way to one or many connections.
 *
 * <p>It carries the method name and the arguments, and remembers its serialized form per wire format: a message
 * sent to ten thousand connections is serialized once per protocol, and each connection writes the same bytes.
 * Instances are immutable apart from that cache and are safe to share between threads.
 */
public final class ClientInvocation {

    private final String method;
    private final Object[] arguments;
    private final ConcurrentHashMap<Object, Object> serialized = new ConcurrentHashMap<>(2);

    /**
     * Creates an invocation.
     *
     * @param method    the client-side method name
     * @param arguments the arguments (copied)
     */
    public ClientInvocation(String method, Object... arguments) {
        this.method = Objects.requireNonNull(method, "method");
        this.arguments = arguments == null ? new Object[0] : arguments.clone();
    }

    /**
     * The client-side method name.
     *
     * @return the method name
     */
    public String method() {
        return method;
    }

    /**
     * The arguments.
     *
     * @return a copy of the arguments
     */
    public Object[] arguments() {
        return arguments.clone();
    }

    /**
     * The number of arguments.
     *
     * @return the argument count
     */
    public int argumentCount() {
        return arguments.length;
    }

    /**
     * One argument.
     *
     * @param index its position
     * @return the argument
     */
    public Object argument(int index) {
        return arguments[index];
    }

    /**
     * The serialized form for a wire format, computed on first use and remembered.
     *
     * @param format     identifies the wire format (for example the protocol instance)
     * @param serializer turns this invocation into that format; called at most once per format under contention
     * @param <T>        the serialized type
     * @return the serialized form
     */
    @SuppressWarnings("unchecked")
    public <T> T serialized(Object format, Function<ClientInvocation, T> serializer) {
        Object cached = serialized.get(format);
        if (cached == null) {
            cached = serialized.computeIfAbsent(format, key -> serializer.apply(this));
        }
        return (T) cached;
    }

    @Override
    public String toString() {
        return "ClientInvocation[" + method + ", " + arguments.length + " argument(s)]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientInvocation that
                && method.equals(that.method) && Arrays.equals(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(arguments);
    }
}
