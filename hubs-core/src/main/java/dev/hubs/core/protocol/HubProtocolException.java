package dev.hubs.core.protocol;

import java.io.Serial;

/**
 * The peer sent bytes that are not a valid message of the protocol. The connection that sent them is closed with
 * an error; other connections are not affected.
 */
public class HubProtocolException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong, in the protocol's words
     */
    public HubProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the error with the parser's own exception as cause.
     *
     * @param message what is wrong
     * @param cause   the parser's exception
     */
    public HubProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
