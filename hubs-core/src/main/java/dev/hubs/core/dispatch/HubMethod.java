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
 * @param parameterTypes the generic parameter types, in order
 * @param invoker        a handle of type {@code (Object hub, Object[] arguments) -> Object}
 * @param asynchronous   whether the method returns a {@link java.util.concurrent.CompletionStage}
 */
public record HubMethod(String name, Method method, List<Type> parameterTypes, MethodHandle invoker,
                        boolean asynchronous) {

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
