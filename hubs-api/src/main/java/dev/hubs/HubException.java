package dev.hubs;

import java.io.Serial;

/**
 * An error whose message is meant for the client.
 *
 * <p>When a hub method throws a {@code HubException}, the caller receives its message in the error of the
 * invocation's completion, whatever the detailed-errors setting. Other exceptions reach the client only as the
 * protocol's generic text, so that server internals do not leak.
 *
 * <pre>{@code
 * public void join(String room) {
 *     if (room.isBlank()) {
 *         throw new HubException("A room needs a name.");
 *     }
 *     ...
 * }
 * }</pre>
 */
public class HubException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an error with a message for the client.
     *
     * @param message the text the client receives
     */
    public HubException(String message) {
        super(message);
    }

    /**
     * Creates an error with a message for the client and a cause that stays on the server.
     *
     * @param message the text the client receives
     * @param cause   the underlying problem, logged on the server only
     */
    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}
