package dev.hubs.core.dispatch;

/**
 * Gives a hub instance for one invocation and takes it back afterwards. The CDI extension implements it with the
 * bean manager, so that injection into hubs works and {@code @Dependent} objects are destroyed after each call.
 */
public interface HubActivator {

    /**
     * Creates a hub instance for an invocation made by the given caller. Per-caller objects injected into the hub
     * ({@code HubCallerContext}, {@code HubCallerClients}) must be the caller's.
     *
     * @param caller the invocation's caller
     * @return the instance and how to release it
     */
    ActivatedHub create(HubCaller caller);

    /**
     * A hub instance and its release.
     */
    interface ActivatedHub {

        /**
         * The hub instance.
         *
         * @return the instance
         */
        Object instance();

        /**
         * Called on the invoking thread as soon as the hub method has returned (for an asynchronous method, before
         * its stage completes): ends what is bound to that thread, such as the CDI request context.
         */
        default void detach() {
        }

        /**
         * Destroys the instance and what was created with it. Called once, when the invocation is complete (for
         * an asynchronous method, when its stage completes).
         */
        void release();
    }
}
