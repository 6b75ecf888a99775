package dev.hubs.core.protocol;

/**
 * Type 2: one item of a stream.
 *
 * @param invocationId the stream's invocation id (or upload stream id)
 * @param item         the item
 */
public record StreamItemMessage(String invocationId, Object item) implements HubMessage {
}
