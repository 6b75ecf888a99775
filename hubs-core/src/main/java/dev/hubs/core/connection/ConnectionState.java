package dev.hubs.core.connection;

/**
 * Where a connection is in its life.
 */
public enum ConnectionState {
    /** Negotiated; no transport attached yet. */
    NEGOTIATED,
    /** A transport is attached; the handshake has not completed. */
    HANDSHAKING,
    /** The handshake succeeded: the connection receives and sends hub messages. */
    CONNECTED,
    /** Ended; nothing more is sent or received. */
    CLOSED
}
