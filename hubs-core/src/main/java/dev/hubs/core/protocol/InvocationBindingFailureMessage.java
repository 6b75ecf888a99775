package dev.hubs.core.protocol;

/**
 * Not on the wire: an invocation whose arguments could not be bound to the target method (unknown method, wrong
 * argument count, a value of the wrong shape). The protocol reports it so that the dispatcher can answer with an
 * error completion while the connection carries on.
 *
 * @param invocationId the invocation id, or {@code null} for a call that wants no answer
 * @param target       the method name the client sent
 * @param cause        what went wrong
 * @param streaming    whether the client sent a stream invocation (type 4)
 */
public record InvocationBindingFailureMessage(String invocationId, String target, Exception cause,
                                              boolean streaming) implements HubMessage {
}
