package dev.hubs.core.protocol;

/**
 * Type 9 (stateful reconnect): the sequence id the peer's next trackable message will carry.
 *
 * @param sequenceId the next sequence id
 */
public record SequenceMessage(long sequenceId) implements HubMessage {
}
