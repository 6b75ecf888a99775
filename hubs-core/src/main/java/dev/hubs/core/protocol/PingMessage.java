package dev.hubs.core.protocol;

/**
 * Type 6: keep-alive. Carries nothing; there is a single instance.
 */
public record PingMessage() implements HubMessage {

    /** The ping. */
    public static final PingMessage INSTANCE = new PingMessage();
}
