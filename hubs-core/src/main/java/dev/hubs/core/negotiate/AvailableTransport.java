package dev.hubs.core.negotiate;

import java.util.List;

/**
 * A transport as the negotiate response lists it.
 *
 * @param name            the SignalR name: {@code WebSockets}, {@code ServerSentEvents}, {@code LongPolling}
 * @param transferFormats {@code Text} and/or {@code Binary}
 */
public record AvailableTransport(String name, List<String> transferFormats) {

    /**
     * Copies the list.
     */
    public AvailableTransport {
        transferFormats = List.copyOf(transferFormats);
    }
}
