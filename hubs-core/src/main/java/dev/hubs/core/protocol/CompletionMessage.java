package dev.hubs.core.protocol;

/**
 * Type 3: the end of an invocation, with a result, an error, or neither (a {@code void} method).
 *
 * @param invocationId the invocation it completes
 * @param result       the result; meaningful only when {@code hasResult}
 * @param error        the error text, or {@code null}
 * @param hasResult    whether a {@code result} property is present ({@code null} is a result, absence is not)
 */
public record CompletionMessage(String invocationId, Object result, String error, boolean hasResult)
        implements HubMessage {

    /**
     * A completion that carries a result (which may be {@code null}).
     *
     * @param invocationId the invocation
     * @param result       the result
     * @return the message
     */
    public static CompletionMessage withResult(String invocationId, Object result) {
        return new CompletionMessage(invocationId, result, null, true);
    }

    /**
     * A completion of a method that returns nothing.
     *
     * @param invocationId the invocation
     * @return the message
     */
    public static CompletionMessage empty(String invocationId) {
        return new CompletionMessage(invocationId, null, null, false);
    }

    /**
     * A completion with an error.
     *
     * @param invocationId the invocation
     * @param error        the error text the caller sees
     * @return the message
     */
    public static CompletionMessage withError(String invocationId, String error) {
        return new CompletionMessage(invocationId, null, error, false);
    }
}
