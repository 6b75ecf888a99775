package dev.hubs.core.protocol;

/**
 * A stream item whose value could not be converted to the item type of the upload stream it belongs to. Like an
 * invocation's binding failure it is not a protocol error: SignalR ends that upload stream with an error and keeps
 * the connection.
 *
 * @param streamId the upload stream the item was for
 * @param cause    why the item could not be converted
 */
public record StreamBindingFailureMessage(String streamId, Throwable cause) implements HubMessage {
}
