package dev.hubs.core.protocol;

/**
 * Type 5: the caller no longer wants the results of an invocation.
 *
 * @param invocationId the invocation to cancel
 */
public record CancelInvocationMessage(String invocationId) implements HubMessage {
}
