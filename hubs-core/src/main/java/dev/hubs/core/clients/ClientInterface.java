package dev.hubs.core.clients;

import dev.hubs.ClientMethod;
import dev.hubs.ClientProxy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A typed client interface of the application, checked once: each abstract method becomes a call of the
 * client-side method of the same name (or the name its {@link ClientMethod} gives). Methods return {@code void}
 * (the call is sent and forgotten), {@code CompletionStage<Void>} (the stage of the send), or
 * {@code CompletionStage<T>} for another {@code T}: a client result, which only the proxy of a single connection
 * ({@code client(id)}, {@code caller()}) can ask for.
 *
 * @param <C> the interface
 */
public final class ClientInterface<C> {

    private final Class<C> type;
    private final Map<Method, String> names;
    /** The result types of the methods that ask for a client result. */
    private final Map<Method, Type> resultTypes;

    private ClientInterface(Class<C> type, Map<Method, String> names, Map<Method, Type> resultTypes) {
        this.type = type;
        this.names = names;
        this.resultTypes = resultTypes;
    }

    /**
     * Checks an interface and prepares its proxies.
     *
     * @param type the interface
     * @param <C>  its type
     * @return the checked interface
     * @throws IllegalArgumentException naming every problem when the interface cannot be a client interface
     */
    public static <C> ClientInterface<C> of(Class<C> type) {
        List<String> problems = problems(type);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " cannot be a client interface:\n  - "
                    + String.join("\n  - ", problems));
        }
        Map<Method, String> names = new HashMap<>();
        Map<Method, Type> resultTypes = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers())) {
                ClientMethod name = method.getAnnotation(ClientMethod.class);
                names.put(method, name != null ? name.value() : method.getName());
                Type result = stageResult(method.getGenericReturnType());
                if (result != null && result != Void.class) {
                    resultTypes.put(method, result);
                }
            }
        }
        return new ClientInterface<>(type, Map.copyOf(names), Map.copyOf(resultTypes));
    }

    /**
     * The problems that keep an interface from being a client interface.
     *
     * @param type the candidate
     * @return one sentence per problem; empty when it is fine
     */
    public static List<String> problems(Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (!type.isInterface()) {
            problems.add("it is not an interface (a client type is ClientProxy or an interface)");
            return problems;
        }
        Method[] methods = type.getMethods();
        Arrays.sort(methods, (a, b) -> a.toGenericString().compareTo(b.toGenericString()));
        for (Method method : methods) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            StringBuilder parameters = new StringBuilder();
            for (Class<?> parameter : method.getParameterTypes()) {
                parameters.append(parameters.length() == 0 ? "" : ", ").append(parameter.getSimpleName());
            }
            String where = "method " + type.getSimpleName() + "." + method.getName() + "(" + parameters + ")";
            Class<?> returns = method.getReturnType();
            Type result = stageResult(method.getGenericReturnType());
            if (returns != void.class && result == null) {
                problems.add(where + " returns " + method.getGenericReturnType().getTypeName()
                        + ": client methods return void, CompletionStage<Void>, or CompletionStage<T> for a "
                        + "client result");
            } else if (result instanceof TypeVariable || result instanceof WildcardType) {
                problems.add(where + " returns " + method.getGenericReturnType().getTypeName()
                        + ": the result type of a client result must be a concrete type");
            }
            ClientMethod name = method.getAnnotation(ClientMethod.class);
            if (name != null && name.value().isBlank()) {
                problems.add(where + " has an empty @ClientMethod name");
            }
        }
        return problems;
    }

    /** {@code T} of a {@code CompletionStage<T>} return type; {@code null} when it is not one. */
    private static Type stageResult(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && CompletionStage.class.isAssignableFrom(raw) && raw.isAssignableFrom(CompletionStage.class)) {
            return p.getActualTypeArguments()[0];
        }
        return null;
    }

    /**
     * The interface.
     *
     * @return the interface type
     */
    public Class<C> type() {
        return type;
    }

    /**
     * A proxy of the interface whose calls are sent to a target.
     *
     * @param target where the calls go
     * @return the typed proxy
     */
    public C proxy(ClientProxy target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = names.get(method);
            if (name == null) {
                if (method.getDeclaringClass() == Object.class) {
                    return objectMethod(proxy, method, args, target);
                }
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object[] arguments = args == null ? new Object[0] : args;
            Type resultType = resultTypes.get(method);
            if (resultType != null) {
                if (!(target instanceof SingleClientProxy single)) {
                    throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                            + " asks for a client result, which needs a single client: call it on client(id) or "
                            + "caller()");
                }
                return single.invoke(resultType, name, arguments);
            }
            CompletionStage<Void> sent = target.send(name, arguments);
            return method.getReturnType() == void.class ? null : sent;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
    }

    private Object objectMethod(Object proxy, Method method, Object[] args, ClientProxy target) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> type.getSimpleName() + " client proxy for " + target;
        };
    }
}
