package dev.hubs.core.clients;

import dev.hubs.ClientMethod;
import dev.hubs.ClientProxy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A typed client interface of the application, checked once: each abstract method becomes a call of the
 * client-side method of the same name (or the name its {@link ClientMethod} gives). Methods return {@code void}
 * (the call is sent and forgotten) or {@code CompletionStage<Void>} (the stage of the send).
 *
 * @param <C> the interface
 */
public final class ClientInterface<C> {

    private final Class<C> type;
    private final Map<Method, String> names;

    private ClientInterface(Class<C> type, Map<Method, String> names) {
        this.type = type;
        this.names = names;
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
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers())) {
                ClientMethod name = method.getAnnotation(ClientMethod.class);
                names.put(method, name != null ? name.value() : method.getName());
            }
        }
        return new ClientInterface<>(type, Map.copyOf(names));
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
            if (returns != void.class && !isCompletionStageOfVoid(method.getGenericReturnType())) {
                problems.add(where + " returns " + method.getGenericReturnType().getTypeName()
                        + ": client methods return void or CompletionStage<Void>");
            }
            ClientMethod name = method.getAnnotation(ClientMethod.class);
            if (name != null && name.value().isBlank()) {
                problems.add(where + " has an empty @ClientMethod name");
            }
        }
        return problems;
    }

    private static boolean isCompletionStageOfVoid(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && CompletionStage.class.isAssignableFrom(raw) && raw.isAssignableFrom(CompletionStage.class)
                && p.getActualTypeArguments()[0] == Void.class;
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
            CompletionStage<Void> sent = target.send(name, args == null ? new Object[0] : args);
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
