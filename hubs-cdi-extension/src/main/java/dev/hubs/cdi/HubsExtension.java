package dev.hubs.cdi;

import dev.hubs.ClientProxy;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import dev.hubs.HubClients;
import dev.hubs.HubContext;
import dev.hubs.HubMonitor;
import dev.hubs.core.clients.ClientInterface;
import dev.hubs.core.dispatch.HubDefinitionException;
import dev.hubs.core.dispatch.HubMethodTable;
import dev.hubs.core.security.HubAuthorization;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portable extension that turns {@code @Hub} beans into served hubs.
 *
 * <p>It works in the phases of the container, each in its own method: discover the hub classes, validate them
 * (every problem of every hub is reported at once, naming the offending methods), and at the end of deployment
 * build the run-time of each hub. The endpoints are registered by {@link dev.hubs.web.HubsInitializer}.
 */
public class HubsExtension implements Extension {

    private final Map<Class<?>, String> hubPaths = new LinkedHashMap<>();
    private final Map<Class<?>, HubMethodTable> tables = new LinkedHashMap<>();
    private final Map<Class<?>, Bean<?>> hubBeans = new LinkedHashMap<>();
    /** The type arguments of injected {@code HubContext<H>} and {@code HubMonitor<H>}, with the injected type. */
    private final List<Map.Entry<Type, String>> requestedContexts = new ArrayList<>();
    private final Map<Class<?>, String> requestedClientTypes = new LinkedHashMap<>();
    private final Map<Class<?>, ClientInterface<?>> clientInterfaces = new ConcurrentHashMap<>();
    private volatile HubsRegistry registry;

    void addBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        // The extension jar has no beans.xml; its producers are added explicitly.
        event.addAnnotatedType(beanManager.createAnnotatedType(HubsProducers.class),
                HubsProducers.class.getName());
    }

    void discover(@Observes @WithAnnotations(Hub.class) ProcessAnnotatedType<?> event) {
        AnnotatedType<?> type = event.getAnnotatedType();
        Hub hub = type.getAnnotation(Hub.class);
        if (hub != null) {
            hubPaths.put(type.getJavaClass(), hub.value());
        }
    }

    void hubBean(@Observes ProcessBean<?> event) {
        Class<?> beanClass = event.getBean().getBeanClass();
        if (hubPaths.containsKey(beanClass) && event.getAnnotated().isAnnotationPresent(Hub.class)) {
            hubBeans.put(beanClass, event.getBean());
        }
    }

    void hubInjectionPoints(@Observes ProcessInjectionPoint<?, ?> event) {
        Type type = event.getInjectionPoint().getType();
        if (!(type instanceof ParameterizedType p)) {
            return;
        }
        Type argument = p.getActualTypeArguments()[0];
        if (p.getRawType() == HubContext.class || p.getRawType() == HubMonitor.class) {
            requestedContexts.add(Map.entry(argument, ((Class<?>) p.getRawType()).getSimpleName()));
        } else if ((p.getRawType() == HubCallerClients.class || p.getRawType() == HubClients.class)
                && argument != ClientProxy.class) {
            String where = String.valueOf(event.getInjectionPoint().getMember());
            if (argument instanceof Class<?> c) {
                requestedClientTypes.putIfAbsent(c, where);
            } else {
                event.addDefinitionError(new DeploymentException(where + " injects " + type.getTypeName()
                        + ": the type argument must be ClientProxy or a client interface"));
            }
        }
    }

    void validate(@Observes AfterBeanDiscovery event) {
        Map<String, Class<?>> byPath = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, String> hub : hubPaths.entrySet()) {
            Class<?> hubClass = hub.getKey();
            String path = hub.getValue();
            List<String> problems = new ArrayList<>(HubPaths.problems(path));
            Class<?> other = byPath.putIfAbsent(path, hubClass);
            if (other != null) {
                problems.add("its path " + path + " is also the path of hub " + other.getName());
            }
            HubMethodTable table = null;
            try {
                table = HubMethodTable.of(hubClass);
                HubAuthorization.of(table); // rejects conflicting security annotations at deployment
            } catch (HubDefinitionException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                event.addDefinitionError(new HubDefinitionException(hubClass, problems));
            } else {
                tables.put(hubClass, table);
            }
        }
        for (Map.Entry<Class<?>, String> requested : requestedClientTypes.entrySet()) {
            try {
                clientInterface(requested.getKey());
            } catch (IllegalArgumentException e) {
                event.addDefinitionError(new DeploymentException(requested.getValue() + ": " + e.getMessage()));
            }
        }
        for (Map.Entry<Type, String> request : requestedContexts) {
            Type requested = request.getKey();
            if (!(requested instanceof Class<?> c) || !hubPaths.containsKey(c)) {
                event.addDefinitionError(new DeploymentException(request.getValue() + "<" + requested.getTypeName()
                        + "> is injected, but " + requested.getTypeName() + " is not a class annotated with @Hub"));
            }
        }
    }

    void start(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        List<HubsRegistry.HubDefinition> definitions = new ArrayList<>();
        for (Map.Entry<Class<?>, HubMethodTable> entry : tables.entrySet()) {
            Class<?> hubClass = entry.getKey();
            Bean<?> bean = hubBeans.get(hubClass);
            if (bean == null) {
                bean = beanManager.resolve(beanManager.getBeans(hubClass, Any.Literal.INSTANCE));
            }
            if (bean == null) {
                event.addDeploymentProblem(new DeploymentException("Hub " + hubClass.getName()
                        + " is not a CDI bean (was it vetoed?)"));
                continue;
            }
            if (bean.getScope() != Dependent.class) {
                event.addDeploymentProblem(new HubDefinitionException(hubClass, List.of("it is "
                        + bean.getScope().getSimpleName() + ", but hubs are created for each invocation and must "
                        + "be @Dependent (the default of @Hub); keep longer-lived state in another bean")));
                continue;
            }
            definitions.add(new HubsRegistry.HubDefinition(hubClass, hubPaths.get(hubClass), entry.getValue(),
                    new CdiHubActivator(beanManager, bean)));
        }
        try {
            registry = HubsRegistry.start(definitions, beanManager);
        } catch (RuntimeException e) {
            event.addDeploymentProblem(e);
        }
    }

    void stop(@Observes BeforeShutdown event) {
        HubsRegistry current = registry;
        if (current != null) {
            current.close();
        }
    }

    /**
     * A client interface, checked on first use and remembered.
     *
     * @param type the interface
     * @param <C>  its type
     * @return the checked interface
     * @throws IllegalArgumentException naming the problems when the interface cannot be a client interface
     */
    @SuppressWarnings("unchecked")
    public <C> ClientInterface<C> clientInterface(Class<C> type) {
        ClientInterface<?> known = clientInterfaces.get(type);
        if (known == null) {
            known = clientInterfaces.computeIfAbsent(type, ClientInterface::of);
        }
        return (ClientInterface<C>) known;
    }

    /**
     * The hubs of this application, once deployment has completed.
     *
     * @return the registry
     * @throws IllegalStateException before deployment completed
     */
    public HubsRegistry registry() {
        HubsRegistry current = registry;
        if (current == null) {
            throw new IllegalStateException("The hubs of this application are not started (yet)");
        }
        return current;
    }
}
