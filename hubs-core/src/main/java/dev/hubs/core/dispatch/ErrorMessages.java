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

    /**
     * The text of the Completion that ends a stream of results whose publisher failed.
     *
     * @param error    the publisher's error
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String streamFailed(Throwable error, boolean detailed) {
        return build("An error occurred on the server while streaming results.", error, detailed);
    }

    /**
     * The error an upload stream's subscriber gets when an item could not be converted to the item type.
     *
     * @param error    the conversion problem
     * @param detailed whether detailed errors are on
     * @return the error text
     */
    public static String streamBindingFailed(Throwable error, boolean detailed) {
        return build("Failed to bind Stream message.", error, detailed);
    }

    /**
     * The answer to a plain invocation of a method that streams its results.
     *
     * @param method the declared method name
     * @return the error text
     */
    public static String streamingMethodInvoked(String method) {
        return "The client attempted to invoke the streaming '" + method + "' method with a non-streaming "
                + "invocation.";
    }

    /**
     * The answer to a stream invocation of a method that does not stream.
     *
     * @param method the declared method name
     * @return the error text
     */
    public static String plainMethodStreamed(String method) {
        return "The client attempted to invoke the non-streaming '" + method + "' method with a streaming "
                + "invocation.";
    }

    /**
     * The answer to a streaming method that returned {@code null} instead of a publisher.
     *
     * @param method the declared method name
     * @return the error text
     */
    public static String nullStream(String method) {
        return "The value returned by the streaming method '" + method + "' is not a Flow.Publisher.";
    }

    /**
     * The answer to a stream invocation whose id is already used by a running stream, or an upload whose stream id
     * is already open.
     *
     * @param id the id
     * @return the error text
     */
    public static String idInUse(String id) {
        return "Invocation ID '" + id + "' is already in use.";
    }

    /**
     * The exception (its message reaches the client) for an invocation that sent another number of upload streams
     * than the method takes.
     *
     * @param sent     how many stream ids the client sent
     * @param expected how many upload parameters the method has
     * @return the exception
     */
    public static HubException streamCountMismatch(int sent, int expected) {
        return new HubException("Client sent " + sent + " stream(s), Hub method expects " + expected + ".");
    }

    private static String build(String text, Throwable error, boolean detailed) {
        if (error != null && (detailed || error instanceof HubException)) {
            return text + " " + error.getClass().getSimpleName() + ": " + error.getMessage();
        }
        return text;
    }

    /**
     * A caller the method's access rule refuses; SignalR's text, naming the method as the client sent it.
     *
     * @param target the target of the invocation
     * @return the error
     */
    public static String unauthorized(String target) {
        return "Failed to invoke '" + target + "' because user is unauthorized";
    }
}
