package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import dev.hubs.OnConnected;
import dev.hubs.OnDisconnected;
import dev.hubs.core.protocol.InvocationBinder;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The methods of one hub that clients may invoke, by name, matched case-insensitively as the SignalR server does.
 *
 * <p>Built once at deployment. Every public, non-static method of the hub class and its superclasses (but not of
 * {@code Object}) is a hub method, except CDI plumbing (producers, initializers, observers, life-cycle callbacks).
 * Problems fail the deployment with a {@link HubDefinitionException} that names each offending method.
 */
public final class HubMethodTable implements InvocationBinder {

    /** Annotations that make a public method CDI plumbing rather than a hub method, by name. */
    private static final Set<String> PLUMBING = Set.of(
            "jakarta.enterprise.inject.Produces",
            "jakarta.inject.Inject",
            "jakarta.annotation.PostConstruct",
            "jakarta.annotation.PreDestroy");

    /** Parameter annotations that make a method an observer or disposer. */
    private static final Set<String> PLUMBING_PARAMETERS = Set.of(
            "jakarta.enterprise.event.Observes",
            "jakarta.enterprise.event.ObservesAsync",
            "jakarta.enterprise.inject.Disposes");

    private static final MethodType INVOKER_TYPE =
            MethodType.methodType(Object.class, Object.class, Object[].class);

    private final Class<?> hubClass;
    private final Map<String, HubMethod> methods;
    private final HubMethod onConnected;
    private final HubMethod onDisconnected;

    private HubMethodTable(Class<?> hubClass, Map<String, HubMethod> methods, HubMethod onConnected,
                           HubMethod onDisconnected) {
        this.hubClass = hubClass;
        this.methods = methods;
        this.onConnected = onConnected;
        this.onDisconnected = onDisconnected;
    }

    /**
     * Builds the table of a hub class.
     *
     * @param hubClass the hub class
     * @return the table
     * @throws HubDefinitionException when a method cannot be served
     */
    public static HubMethodTable of(Class<?> hubClass) {
        List<String> problems = new ArrayList<>();
        if (!Modifier.isPublic(hubClass.getModifiers())) {
            problems.add("the hub class must be public");
        }
        Map<String, List<Method>> byName = new LinkedHashMap<>();
        for (Method method : candidates(hubClass)) {
            byName.computeIfAbsent(method.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(method);
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Map<String, HubMethod> table = new HashMap<>();
        for (Map.Entry<String, List<Method>> entry : byName.entrySet()) {
            List<Method> sameName = entry.getValue();
            if (sameName.size() > 1) {
                problems.add("methods " + describe(sameName) + " have the same name ignoring case; clients call "
                        + "hub methods by name, so overloading is not supported");
                continue;
            }
            Method method = sameName.get(0);
            List<String> methodProblems = check(method);
            if (!methodProblems.isEmpty()) {
                problems.addAll(methodProblems);
                continue;
            }
            try {
                MethodHandle handle = lookup.unreflect(method)
                        .asSpreader(Object[].class, method.getParameterCount())
                        .asType(INVOKER_TYPE);
                table.put(entry.getKey(), describeMethod(method, handle));
            } catch (IllegalAccessException e) {
                problems.add("method " + describe(method) + " cannot be called: " + e.getMessage()
                        + " (hub methods must be public members of a public class)");
            }
        }
        HubMethod connected = lifecycle(hubClass, OnConnected.class, problems);
        HubMethod disconnected = lifecycle(hubClass, OnDisconnected.class, problems);
        if (!problems.isEmpty()) {
            throw new HubDefinitionException(hubClass, problems);
        }
        return new HubMethodTable(hubClass, Map.copyOf(table), connected, disconnected);
    }

    /** Finds and checks the method carrying a life-cycle annotation; at most one per hub. */
    private static HubMethod lifecycle(Class<?> hubClass, Class<? extends Annotation> annotation,
                                       List<String> problems) {
        String name = "@" + annotation.getSimpleName();
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = hubClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(Method::toGenericString));
            for (Method m : declared) {
                boolean first = seen.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                if (first && !m.isBridge() && !m.isSynthetic() && m.isAnnotationPresent(annotation)) {
                    found.add(m);
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            problems.add("methods " + describe(found) + " are all annotated " + name + "; a hub has at most one");
            return null;
        }
        Method method = found.get(0);
        List<String> own = new ArrayList<>();
        if (Modifier.isStatic(method.getModifiers())) {
            own.add("method " + describe(method) + " is annotated " + name + " but is static");
        }
        if (method.isAnnotationPresent(OnConnected.class) && method.isAnnotationPresent(OnDisconnected.class)) {
            own.add("method " + describe(method) + " is annotated both @OnConnected and @OnDisconnected");
        }
        Class<?>[] parameters = method.getParameterTypes();
        boolean parametersFit = annotation == OnConnected.class ? parameters.length == 0
                : parameters.length == 0 || (parameters.length == 1 && parameters[0] == Throwable.class);
        if (!parametersFit) {
            own.add("method " + describe(method) + " is annotated " + name + " but takes "
                    + (annotation == OnConnected.class ? "parameters; it must take none"
                    : "other parameters than one Throwable (why the connection ended); it takes none or that one"));
        }
        Class<?> returns = method.getReturnType();
        if (returns != void.class && !CompletionStage.class.isAssignableFrom(returns)) {
            own.add("method " + describe(method) + " is annotated " + name + " but returns "
                    + returns.getSimpleName() + "; it returns void or a CompletionStage");
        }
        if (!own.isEmpty()) {
            problems.addAll(own);
            return null;
        }
        try {
            method.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, parameters.length)
                    .asType(INVOKER_TYPE);
            return new HubMethod(method.getName(), method, List.of(method.getGenericParameterTypes()), handle,
                    CompletionStage.class.isAssignableFrom(returns));
        } catch (IllegalAccessException | RuntimeException e) {
            problems.add("method " + describe(method) + " cannot be called: " + e.getMessage());
            return null;
        }
    }

    private static List<Method> candidates(Class<?> hubClass) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = hubClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
            for (Method m : declared) {
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                // A subclass method hides the superclass method with the same signature; a bridge method stands
                // for the override of a generic superclass method, so it hides that erased method too.
                boolean first = seen.add(signature);
                int modifiers = m.getModifiers();
                if (!first || !Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || m.isBridge()
                        || m.isSynthetic() || isPlumbing(m) || overridesObject(m)) {
                    continue;
                }
                bySignature.put(signature, m);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    /** {@code toString}, {@code equals} and {@code hashCode} stay Java's, even when a hub overrides them. */
    private static boolean overridesObject(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean isPlumbing(Method method) {
        if (method.isAnnotationPresent(OnConnected.class) || method.isAnnotationPresent(OnDisconnected.class)) {
            return true; // life-cycle methods are the server's to call, not the clients'
        }
        for (Annotation a : method.getAnnotations()) {
            if (PLUMBING.contains(a.annotationType().getName())) {
                return true;
            }
        }
        for (Parameter p : method.getParameters()) {
            for (Annotation a : p.getAnnotations()) {
                if (PLUMBING_PARAMETERS.contains(a.annotationType().getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the dispatcher needs to know of a checked method: its stream parameters and streamed result. */
    private static HubMethod describeMethod(Method method, MethodHandle handle) {
        Type[] parameters = method.getGenericParameterTypes();
        List<Type> argumentTypes = new ArrayList<>(parameters.length);
        List<HubMethod.Upload> uploads = new ArrayList<>(0);
        for (int i = 0; i < parameters.length; i++) {
            if (method.getParameterTypes()[i] == Flow.Publisher.class) {
                uploads.add(new HubMethod.Upload(i, itemType(parameters[i])));
            } else {
                argumentTypes.add(parameters[i]);
            }
        }
        Type streamItemType = method.getReturnType() == Flow.Publisher.class
                ? itemType(method.getGenericReturnType()) : null;
        return new HubMethod(method.getName(), method, List.of(parameters), argumentTypes, handle,
                CompletionStage.class.isAssignableFrom(method.getReturnType()), streamItemType, uploads);
    }

    /** {@code T} of {@code Flow.Publisher<T>}; {@code Object} for a raw or wildcard publisher. */
    private static Type itemType(Type publisher) {
        if (publisher instanceof ParameterizedType p) {
            Type item = p.getActualTypeArguments()[0];
            if (item instanceof WildcardType wildcard) {
                Type[] upper = wildcard.getUpperBounds();
                return upper.length == 1 ? upper[0] : Object.class;
            }
            return item;
        }
        return Object.class;
    }

    private static List<String> check(Method method) {
        List<String> problems = new ArrayList<>();
        Class<?> returns = method.getReturnType();
        if (Flow.Publisher.class.isAssignableFrom(returns) && returns != Flow.Publisher.class) {
            problems.add("method " + describe(method) + " returns " + returns.getSimpleName() + ": a streaming "
                    + "method declares its return type as Flow.Publisher<T>");
        }
        if (returns == Flow.Publisher.class && isTypeVariable(method.getGenericReturnType())) {
            problems.add("method " + describe(method) + " returns a Flow.Publisher of a type variable: the item "
                    + "type must be known to convert the items to JSON");
        }
        boolean uploads = Arrays.stream(method.getParameterTypes()).anyMatch(t -> t == Flow.Publisher.class);
        if (uploads && returns != Flow.Publisher.class && !CompletionStage.class.isAssignableFrom(returns)) {
            problems.add("method " + describe(method) + " takes an upload stream (Flow.Publisher) but returns "
                    + returns.getSimpleName() + ": its uploads end when its result is known, so it returns a "
                    + "CompletionStage that completes once it has consumed them, or a Flow.Publisher");
        }
        for (Parameter p : method.getParameters()) {
            Class<?> type = p.getType();
            if (Flow.Publisher.class.isAssignableFrom(type) && type != Flow.Publisher.class) {
                problems.add("method " + describe(method) + " takes a " + type.getSimpleName() + " parameter '"
                        + p.getName() + "': an upload stream parameter is declared as Flow.Publisher<T>");
            } else if (type == Flow.Publisher.class && isTypeVariable(p.getParameterizedType())) {
                problems.add("method " + describe(method) + " takes a Flow.Publisher of a type variable as '"
                        + p.getName() + "': the item type must be known to read the items from JSON");
            }
        }
        return problems;
    }

    private static boolean isTypeVariable(Type publisher) {
        return publisher instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof TypeVariable;
    }

    private static String describe(Collection<Method> methods) {
        List<String> names = new ArrayList<>();
        for (Method m : methods) {
            names.add(describe(m));
        }
        return String.join(", ", names);
    }

    private static String describe(Method method) {
        StringBuilder s = new StringBuilder(method.getDeclaringClass().getSimpleName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            s.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return s.append(')').toString();
    }

    /**
     * The hub class.
     *
     * @return the class
     */
    public Class<?> hubClass() {
        return hubClass;
    }

    /**
     * Finds a method by the name a client sent, ignoring case.
     *
     * @param target the name
     * @return the method, or {@code null}
     */
    public HubMethod find(String target) {
        return methods.get(target.toLowerCase(Locale.ROOT));
    }

    /**
     * The method to run when a connection has completed its handshake.
     *
     * @return the {@code @OnConnected} method, or {@code null}
     */
    public HubMethod onConnected() {
        return onConnected;
    }

    /**
     * The method to run when a connection has ended.
     *
     * @return the {@code @OnDisconnected} method, or {@code null}
     */
    public HubMethod onDisconnected() {
        return onDisconnected;
    }

    /**
     * All methods clients may call.
     *
     * @return the methods
     */
    public Collection<HubMethod> methods() {
        return methods.values();
    }

    @Override
    public List<Type> parameterTypes(String target) {
        HubMethod method = find(target);
        if (method == null) {
            // SignalR's binder answers an unknown target this way; the client sees the text after the type name.
            throw new HubException("Method does not exist.");
        }
        return method.argumentTypes();
    }
}
