package dev.hubs.redis;

/**
 * A message or group change that needed Redis could not be made: Redis is unreachable (or did not answer in time).
 * The stage of the send fails with it; connections of this server still got the message.
 */
public final class BackplaneUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message says what was not sent and where Redis is
     * @param cause   the failure of the Redis client
     */
    public BackplaneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
