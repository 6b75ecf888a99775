package dev.hubs.core.protocol;

/**
 * Type 7: the connection is closing.
 *
 * @param error          why, or {@code null} for a clean close
 * @param allowReconnect whether a client with automatic reconnect should try again
 */
public record CloseMessage(String error, boolean allowReconnect) implements HubMessage {

    /** A clean close. */
    public static final CloseMessage EMPTY = new CloseMessage(null, false);
}
