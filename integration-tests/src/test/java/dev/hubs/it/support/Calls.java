package dev.hubs.it.support;

import com.microsoft.signalr.HubConnection;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invocations through the official Java client, each bounded by {@link Await#TIMEOUT}. */
public final class Calls {

    private Calls() {
    }

    /**
     * Invokes a hub method and waits for its completion, ignoring any result.
     *
     * @param hub       the connection
     * @param method    the hub method
     * @param arguments its arguments
     */
    public static void invokeVoid(HubConnection hub, String method, Object... arguments) {
        assertTrue(hub.invoke(method, arguments).blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "The invocation of " + method + " did not complete within " + Await.TIMEOUT);
    }

    /**
     * Invokes a hub method and returns its result.
     *
     * @param hub       the connection
     * @param type      the result type
     * @param method    the hub method
     * @param arguments its arguments
     * @param <T>       the result type
     * @return the result; a failed invocation throws {@link com.microsoft.signalr.HubException}. The Java client
     *         never completes an invocation whose result is JSON {@code null}: call only methods that return a value
     */
    public static <T> T invoke(HubConnection hub, Class<T> type, String method, Object... arguments) {
        return hub.invoke(type, method, arguments).timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .blockingGet();
    }
}
