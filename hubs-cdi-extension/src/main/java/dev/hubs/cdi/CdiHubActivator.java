package dev.hubs.cdi;

import dev.hubs.core.dispatch.HubActivator;
import dev.hubs.core.dispatch.HubCaller;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Creates hub instances through the bean manager, one per invocation, so that injection, interceptors and
 * decorators apply; releasing the creational context destroys the instance and its {@code @Dependent} objects.
 */
final class CdiHubActivator implements HubActivator {

    private final BeanManager beanManager;
    private final Bean<?> bean;
    private final Class<?> hubClass;

    CdiHubActivator(BeanManager beanManager, Bean<?> bean, Class<?> hubClass) {
        this.beanManager = beanManager;
        this.bean = bean;
        this.hubClass = hubClass;
    }

    @Override
    public ActivatedHub create(HubCaller caller) {
        HubCaller previous = CurrentCaller.set(caller);
        try {
            CreationalContext<?> context = beanManager.createCreationalContext(bean);
            Object instance = beanManager.getReference(bean, hubClass, context);
            return new ActivatedHub() {
                @Override
                public Object instance() {
                    return instance;
                }

                @Override
                public void release() {
                    context.release();
                }
            };
        } finally {
            CurrentCaller.restore(previous);
        }
    }
}
