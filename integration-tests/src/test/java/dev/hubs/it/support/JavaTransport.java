package dev.hubs.it.support;

import com.microsoft.signalr.TransportEnum;

/**
 * The transports of the official SignalR Java client ({@code com.microsoft.signalr} 9.x), named as SignalR names
 * them on the wire and as {@code HubCallerContext.transport()} returns them. The Java client has no Server-Sent
 * Events. A connection started with one of them uses that transport or fails to start: the client does not fall
 * back to another one.
 */
public enum JavaTransport {

    /** WebSockets, the client's first choice. */
    WebSockets(TransportEnum.WEBSOCKETS),

    /** Long polling: the client polls with GET and sends with POST. */
    LongPolling(TransportEnum.LONG_POLLING);

    private final TransportEnum client;

    JavaTransport(TransportEnum client) {
        this.client = client;
    }

    /**
     * @return the client's constant for {@code HttpHubConnectionBuilder.withTransport}
     */
    public TransportEnum client() {
        return client;
    }
}
