package dev.hubs.bench.load;

/**
 * What the load generator talks to, and how.
 */
public enum Target {

    /** A raw Jakarta WebSocket endpoint of the benchmark WAR: the practical limit of the server. */
    RAW("raw WebSocket", "WebSockets", false),
    /** A hub of the benchmark WAR over WebSockets, with negotiate and handshake. */
    HUB("Hubs", "WebSockets", false),
    /** The Socket.IO 4 server on Node over WebSockets. */
    SOCKETIO("Socket.IO", "WebSockets", true),
    /** A hub of the benchmark WAR over long polling. */
    HUB_LONG_POLLING("Hubs", "LongPolling", false),
    /** The Socket.IO 4 server over its long-polling transport. */
    SOCKETIO_POLLING("Socket.IO", "LongPolling", true);

    private final String system;
    private final String transport;
    private final boolean node;

    Target(String system, String transport, boolean node) {
        this.system = system;
        this.transport = transport;
        this.node = node;
    }

    /**
     * The system's name in the report.
     *
     * @return the name
     */
    public String system() {
        return system;
    }

    /**
     * The transport's name in the report.
     *
     * @return WebSockets or LongPolling
     */
    public String transport() {
        return transport;
    }

    /**
     * Whether the target is the Node server (whose /stats answers for it) rather than Liberty.
     *
     * @return whether it runs on Node
     */
    public boolean node() {
        return node;
    }

    /**
     * The command-line name, for example {@code hub-long-polling}.
     *
     * @return the name
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a command-line name.
     *
     * @param id for example {@code socketio}
     * @return the target
     */
    public static Target of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
