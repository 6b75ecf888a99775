package dev.hubs.core.protocol;

import java.io.Serial;

/**
 * The arguments of an invocation do not fit the target method: wrong count or a value of the wrong shape. The
 * connection stays open; the caller gets an error completion. Its simple name shows in detailed errors the way
 * SignalR shows {@code InvalidDataException}.
 */
public class InvalidArgumentsException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what does not fit
     */
    public InvalidArgumentsException(String message) {
        super(message);
    }

    /**
     * Creates the error with a cause.
     *
     * @param message what does not fit
     * @param cause   the conversion failure
     */
    public InvalidArgumentsException(String message, Throwable cause) {
        super(message, cause);
    }
}
