package dev.hubs.core.dispatch;

import dev.hubs.HubException;

/**
 * The error texts of the SignalR server, which the official clients show to their users.
 *
 * <p>A {@link HubException}'s message always reaches the client; other exceptions only when detailed errors are
 * switched on, so that server internals stay on the server by default.
 */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /**
     * The text of a completion for a method that threw.
     *
     * @param method   the declared method name
     * @param error    what it threw
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String invocationFailed(String method, Throwable error, boolean detailed) {
        return build("An unexpected error occurred invoking '" + method + "' on the server.", error, detailed);
    }

    /**
     * The text of a completion for an invocation whose arguments could not be bound (or whose method does not
     * exist).
     *
     * @param target   the name the client sent
     * @param error    the binding problem
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String bindingFailed(String target, Throwable error, boolean detailed) {
        return build("Failed to invoke '" + target + "' due to an error on the server.", error, detailed);
    }

    /**
     * The text of the Close message of a connection that ended because of an error.
     *
     * @param error    the error
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String connectionClosed(Throwable error, boolean detailed) {
        return build("Connection closed with an error.", error, detailed);
    }

    /**
     * The text of a handshake response for an unexpected handshake failure.
     *
     * @param error    the error
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String handshakeFailed(Throwable error, boolean detailed) {
        return build("An unexpected error occurred during connection handshake.", error, detailed);
    }

    private static String build(String text, Throwable error, boolean detailed) {
        if (error != null && (detailed || error instanceof HubException)) {
            return text + " " + error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        return text;
    }
}
