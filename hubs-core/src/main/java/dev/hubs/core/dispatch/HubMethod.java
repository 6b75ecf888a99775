package dev.hubs.core.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One method clients may invoke, resolved once at deployment so that no reflection runs per message.
 *
 * @param name           the declared method name (used in error texts, as SignalR does)
 * @param method         the method
 * @param parameterTypes the generic parameter types, in order, upload streams included
 * @param argumentTypes  the types of the arguments a client sends: every parameter but the upload streams, which
 *                       arrive as {@code streamIds} instead
 * @param invoker        a handle of type {@code (Object hub, Object[] arguments) -> Object}
 * @param asynchronous   whether the method returns a {@link java.util.concurrent.CompletionStage}
 * @param streamItemType the item type of the {@link java.util.concurrent.Flow.Publisher} the method returns, or
 *                       {@code null} for a method that does not stream its result
 * @param uploads        the parameters that receive a client's upload stream, in parameter order
 */
public record HubMethod(String name, Method method, List<Type> parameterTypes, List<Type> argumentTypes,
                        MethodHandle invoker, boolean asynchronous, Type streamItemType, List<Upload> uploads) {

    /**
     * A parameter of type {@code Flow.Publisher<T>}: the client fills it with a stream it uploads.
     *
     * @param position the parameter's index among all parameters
     * @param itemType {@code T}
     */
    public record Upload(int position, Type itemType) {
    }

    /**
     * Copies the lists.
     */
    public HubMethod {
        parameterTypes = List.copyOf(parameterTypes);
        argumentTypes = List.copyOf(argumentTypes);
        uploads = List.copyOf(uploads);
    }

    /**
     * A method that neither streams its result nor takes upload streams.
     *
     * @param name           the declared name
     * @param method         the method
     * @param parameterTypes the generic parameter types
     * @param invoker        the handle
     * @param asynchronous   whether it returns a {@link java.util.concurrent.CompletionStage}
     */
    public HubMethod(String name, Method method, List<Type> parameterTypes, MethodHandle invoker,
                     boolean asynchronous) {
        this(name, method, parameterTypes, parameterTypes, invoker, asynchronous, null, List.of());
    }

    /**
     * Whether the method returns a stream of items ({@code Flow.Publisher<T>}): clients must call it with a
     * stream invocation.
     *
     * @return whether it streams
     */
    public boolean streaming() {
        return streamItemType != null;
    }

    /**
     * Runs the method.
     *
     * @param hub       the hub instance
     * @param arguments the bound arguments
     * @return what the method returned ({@code null} for {@code void})
     * @throws Throwable whatever the method threw, unwrapped
     */
    public Object invoke(Object hub, Object[] arguments) throws Throwable {
        return invoker.invokeExact(hub, arguments);
    }
}
