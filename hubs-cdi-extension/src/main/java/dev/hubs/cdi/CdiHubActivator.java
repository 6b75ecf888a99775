package dev.hubs.cdi;

import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates hub instances through the bean manager, one per invocation, so that injection, interceptors and
 * decorators apply; destroying the instance through its bean destroys it and its {@code @Dependent} objects.
 *
 * <p>Each invocation runs with an active request context, as a servlet request would: activated before the hub
 * is created (unless one is active already) and deactivated when the hub method returns, on the same thread.
 *
 * <p>What can be looked up once is looked up once: the hub's {@link Bean} is resolved at deployment and its
 * instances are created with {@link Bean#create} (for a {@code @Dependent} bean that is what
 * {@code BeanManager.getReference} ends up doing, without resolving anything per call), and the
 * {@link RequestContextController}s are kept for reuse. Creating a controller is the expensive part of a request
 * context (the container resolves the observers of the context's events for each new controller, measured at about
 * a quarter of a busy echo hub's CPU time), while activating and deactivating one is cheap. A controller is
 * stateless between a deactivation and the next activation, and each is used by one invocation at a time.
 */
final class CdiHubActivator implements HubActivator {

    /**
     * How many idle controllers are kept: about as many as invocations run at once. Beyond that they are
     * destroyed after use, so a burst does not leave them behind.
     */
    private static final int MAX_IDLE_CONTROLLERS = 64;

    private final BeanManager beanManager;
    private final Bean<Object> bean;
    private final Instance<RequestContextController> requestContexts;
    private final Queue<RequestContextController> idleControllers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    @SuppressWarnings("unchecked")
    CdiHubActivator(BeanManager beanManager, Bean<?> bean) {
        this.beanManager = beanManager;
        this.bean = (Bean<Object>) bean;
        this.requestContexts = beanManager.createInstance().select(RequestContextController.class);
    }

    @Override
    public ActivatedHub create(HubCaller caller) {
        RequestContextController requestContext = borrowController();
        boolean activated;
        try {
            activated = requestContext.activate();
        } catch (RuntimeException e) {
            requestContexts.destroy(requestContext);
            throw e;
        }
        HubCaller previous = CurrentCaller.set(caller);
        try {
            CreationalContext<Object> context = beanManager.createCreationalContext(bean);
            Object instance = bean.create(context);
            return new Activated(instance, context, requestContext, activated);
        } catch (RuntimeException e) {
            endRequest(requestContext, activated);
            throw e;
        } finally {
            CurrentCaller.restore(previous);
        }
    }

    private RequestContextController borrowController() {
        RequestContextController idle = idleControllers.poll();
        if (idle == null) {
            return requestContexts.get();
        }
        idleCount.decrementAndGet();
        return idle;
    }

    private void endRequest(RequestContextController requestContext, boolean activated) {
        try {
            if (activated) {
                requestContext.deactivate();
            }
        } catch (RuntimeException e) {
            // A controller whose deactivation failed is not trusted again.
            requestContexts.destroy(requestContext);
            throw e;
        }
        if (idleCount.incrementAndGet() <= MAX_IDLE_CONTROLLERS) {
            idleControllers.add(requestContext);
        } else {
            idleCount.decrementAndGet();
            requestContexts.destroy(requestContext);
        }
    }

    /** One invocation's hub. */
    private final class Activated implements ActivatedHub {
        private final Object instance;
        private final CreationalContext<Object> context;
        private final RequestContextController requestContext;
        private final boolean activated;
        private boolean detached;

        Activated(Object instance, CreationalContext<Object> context, RequestContextController requestContext,
                  boolean activated) {
            this.instance = instance;
            this.context = context;
            this.requestContext = requestContext;
            this.activated = activated;
        }

        @Override
        public Object instance() {
            return instance;
        }

        @Override
        public void detach() {
            if (!detached) {
                detached = true;
                endRequest(requestContext, activated);
            }
        }

        @Override
        public void release() {
            bean.destroy(instance, context);
        }
    }
}
