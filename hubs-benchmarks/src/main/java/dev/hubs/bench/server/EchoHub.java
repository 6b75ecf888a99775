package dev.hubs.bench.server;

import dev.hubs.Hub;

/**
 * The echo of the benchmarks: the caller gets its argument back as the result of its invocation. The load
 * generator also holds its idle connections on this hub.
 *
 * <p>Same work as {@link RawEchoEndpoint} and as the Socket.IO server's {@code echo} event with an acknowledgement.
 */
@Hub("/hubs/echo")
public class EchoHub {

    /**
     * Returns what it was given.
     *
     * @param message any text
     * @return the same text
     */
    public String echo(String message) {
        return message;
    }
}
