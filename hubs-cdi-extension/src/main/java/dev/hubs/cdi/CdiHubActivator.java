package dev.hubs.cdi;

import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Creates hub instances through the bean manager, one per invocation, so that injection, interceptors and
 * decorators apply; releasing the creational context destroys the instance and its {@code @Dependent} objects.
 *
 * <p>Each invocation runs with an active request context, as a servlet request would: activated before the hub
 * is created (unless one is active already) and deactivated when the hub method returns, on the same thread.
 */
final class CdiHubActivator implements HubActivator {

    private final BeanManager beanManager;
    private final Bean<?> bean;
    private final Class<?> hubClass;
    private final Instance<RequestContextController> requestContexts;

    CdiHubActivator(BeanManager beanManager, Bean<?> bean, Class<?> hubClass) {
        this.beanManager = beanManager;
        this.bean = bean;
        this.hubClass = hubClass;
        this.requestContexts = beanManager.createInstance().select(RequestContextController.class);
    }

    @Override
    public ActivatedHub create(HubCaller caller) {
        RequestContextController requestContext = requestContexts.get();
        boolean activated = requestContext.activate();
        HubCaller previous = CurrentCaller.set(caller);
        try {
            CreationalContext<?> context = beanManager.createCreationalContext(bean);
            Object instance = beanManager.getReference(bean, hubClass, context);
            return new Activated(instance, context, requestContext, activated);
        } catch (RuntimeException e) {
            endRequest(requestContext, activated);
            throw e;
        } finally {
            CurrentCaller.restore(previous);
        }
    }

    private void endRequest(RequestContextController requestContext, boolean activated) {
        try {
            if (activated) {
                requestContext.deactivate();
            }
        } finally {
            requestContexts.destroy(requestContext);
        }
    }

    /** One invocation's hub. */
    private final class Activated implements ActivatedHub {
        private final Object instance;
        private final CreationalContext<?> context;
        private final RequestContextController requestContext;
        private final boolean activated;
        private boolean detached;

        Activated(Object instance, CreationalContext<?> context, RequestContextController requestContext,
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
            context.release();
        }
    }
}
