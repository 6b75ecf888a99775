package dev.hubs.cdi;

import dev.hubs.core.dispatch.HubCaller;

/**
 * The caller of the invocation whose hub instance is being created on this thread. Injection into a hub happens
 * while the instance is created, so the per-caller beans read it then and keep their own reference afterwards;
 * nothing depends on the thread after that.
 */
final class CurrentCaller {

    private static final ThreadLocal<HubCaller> CALLER = new ThreadLocal<>();

    private CurrentCaller() {
    }

    static HubCaller get() {
        HubCaller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("HubCallerContext and HubCallerClients can only be injected into a hub "
                    + "(a class annotated with @Hub) or a @Dependent bean created with it; elsewhere, inject "
                    + "HubContext<YourHub> instead");
        }
        return caller;
    }

    static HubCaller set(HubCaller caller) {
        HubCaller previous = CALLER.get();
        CALLER.set(caller);
        return previous;
    }

    static void restore(HubCaller previous) {
        if (previous == null) {
            CALLER.remove();
        } else {
            CALLER.set(previous);
        }
    }
}
