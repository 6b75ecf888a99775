package dev.hubs.core.protocol;

/**
 * Type 8 (stateful reconnect): the peer has processed trackable messages up to a sequence id.
 *
 * @param sequenceId the highest processed sequence id
 */
public record AckMessage(long sequenceId) implements HubMessage {
}
