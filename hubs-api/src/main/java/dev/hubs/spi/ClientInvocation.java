package dev.hubs.spi;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A call of a client-side method, on its way to one or many connections.
 *
 * <p>It carries the method name and the arguments, and remembers its serialized form per wire format: a message
 * sent to ten thousand connections is serialized once per protocol, and each connection writes the same bytes.
 * Instances are immutable apart from that cache and are safe to share between threads.
 *
 * <p>An invocation that another server has already serialized (it arrived through a backplane) is made with
 * {@link #ofSerialized}: connections speaking that format write the form as it came, and the method and arguments
 * are only decoded from it if someone asks for them.
 */
public final class ClientInvocation {

    private final String method;
    private final Object[] arguments;
    /** For an invocation made by {@link #ofSerialized}: decodes method and arguments on first use; else null. */
    private final Supplier<ClientInvocation> decoder;
    /** The decoded invocation, once {@link #decoder} has run. */
    private volatile ClientInvocation decoded;
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
        this.decoder = null;
    }

    private ClientInvocation(Object format, Object form, Supplier<ClientInvocation> decoder) {
        this.method = null;
        this.arguments = null;
        this.decoder = decoder;
        serialized.put(format, form);
    }

    /**
     * An invocation that arrives already serialized, for example from another server through a backplane. Every
     * connection that asks for {@code format} gets {@code form} itself: the message is not serialized again on this
     * server. Asking for anything else ({@link #method()}, the arguments, another format) decodes the form once,
     * with {@code decoder}.
     *
     * <pre>{@code
     * ClientInvocation received = ClientInvocation.ofSerialized("json", record, () -> protocol.decode(record));
     * }</pre>
     *
     * @param format  the wire format the form is in, the same key connections pass to {@link #serialized}
     * @param form    the serialized form, exactly as connections speaking {@code format} write it
     * @param decoder gives the method and arguments the form stands for; called at most once in normal use
     * @return the invocation
     */
    public static ClientInvocation ofSerialized(Object format, Object form, Supplier<ClientInvocation> decoder) {
        return new ClientInvocation(Objects.requireNonNull(format, "format"), Objects.requireNonNull(form, "form"),
                Objects.requireNonNull(decoder, "decoder"));
    }

    /** The invocation that holds the method and arguments: this one, or the one decoded from the serialized form. */
    private ClientInvocation plain() {
        if (decoder == null) {
            return this;
        }
        ClientInvocation value = decoded;
        if (value == null) {
            synchronized (this) {
                value = decoded;
                if (value == null) {
                    value = Objects.requireNonNull(decoder.get(), "decoded invocation").plain();
                    decoded = value;
                }
            }
        }
        return value;
    }

    /**
     * The client-side method name.
     *
     * @return the method name
     */
    public String method() {
        return decoder == null ? method : plain().method;
    }

    /**
     * The arguments.
     *
     * @return a copy of the arguments
     */
    public Object[] arguments() {
        return plain().arguments.clone();
    }

    /**
     * The number of arguments.
     *
     * @return the argument count
     */
    public int argumentCount() {
        return plain().arguments.length;
    }

    /**
     * One argument.
     *
     * @param index its position
     * @return the argument
     */
    public Object argument(int index) {
        return plain().arguments[index];
    }

    /**
     * The serialized form for a wire format, computed on first use and remembered.
     *
     * @param format     identifies the wire format (for example the protocol name)
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
        if (decoder != null && decoded == null) {
            return "ClientInvocation[serialized as " + serialized.keySet() + "]";
        }
        ClientInvocation plain = plain();
        return "ClientInvocation[" + plain.method + ", " + plain.arguments.length + " argument(s)]";
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ClientInvocation that)) {
            return false;
        }
        ClientInvocation a = plain();
        ClientInvocation b = that.plain();
        return a.method.equals(b.method) && Arrays.equals(a.arguments, b.arguments);
    }

    @Override
    public int hashCode() {
        ClientInvocation plain = plain();
        return 31 * plain.method.hashCode() + Arrays.hashCode(plain.arguments);
    }
}
