package dev.hubs.core.negotiate;

import java.util.List;
import java.util.Locale;

/**
 * The transports of SignalR, with the names and transfer formats the negotiate response uses.
 */
public enum TransportType {

    /** Full duplex; text and binary frames. */
    WEB_SOCKETS("WebSockets", List.of("Text", "Binary")),
    /** Server-to-client event stream, paired with HTTP POST; text only. */
    SERVER_SENT_EVENTS("ServerSentEvents", List.of("Text")),
    /** Server-to-client polls, paired with HTTP POST. */
    LONG_POLLING("LongPolling", List.of("Text", "Binary"));

    private final String signalRName;
    private final AvailableTransport available;

    TransportType(String signalRName, List<String> formats) {
        this.signalRName = signalRName;
        this.available = new AvailableTransport(signalRName, formats);
    }

    /**
     * The name SignalR uses, for example {@code LongPolling}.
     *
     * @return the SignalR name
     */
    public String signalRName() {
        return signalRName;
    }

    /**
     * The entry of the negotiate response.
     *
     * @return the available transport
     */
    public AvailableTransport available() {
        return available;
    }

    /**
     * Finds a transport by its SignalR name, ignoring case.
     *
     * @param name for example {@code WebSockets}
     * @return the transport
     * @throws IllegalArgumentException for an unknown name
     */
    public static TransportType bySignalRName(String name) {
        for (TransportType type : values()) {
            if (type.signalRName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("expected transports among WebSockets, ServerSentEvents and LongPolling");
    }
}
