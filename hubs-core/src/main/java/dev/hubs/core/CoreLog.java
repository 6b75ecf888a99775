package dev.hubs.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Every log message of {@code hubs-core}, each with a stable id an operator can search for.
 *
 * <p>Messages never contain connection tokens: only public connection ids.
 */
public final class CoreLog {

    private static final Logger LOG = System.getLogger("dev.hubs.core");

    private CoreLog() {
    }

    /**
     * A hub method threw something other than a {@code HubException}.
     *
     * @param hub          the hub path
     * @param method       the method name
     * @param connectionId the caller
     * @param error        what it threw
     */
    public static void hubMethodFailed(String hub, String method, String connectionId, Throwable error) {
        LOG.log(Level.WARNING, "HUBS1001W Hub method ''{0}'' of hub {1} failed for connection {2}: {3}",
                method, hub, connectionId, String.valueOf(error));
        LOG.log(Level.DEBUG, "HUBS1001W stack trace", error);
    }

    /**
     * A hub method threw a {@code HubException}, whose message went to the caller.
     *
     * @param hub          the hub path
     * @param method       the method name
     * @param connectionId the caller
     * @param message      the message
     */
    public static void hubExceptionThrown(String hub, String method, String connectionId, String message) {
        LOG.log(Level.DEBUG, "HUBS1002I Hub method ''{0}'' of hub {1} answered connection {2} with an error: {3}",
                method, hub, connectionId, message);
    }

    /**
     * A connection sent something that is not the protocol, and was closed.
     *
     * @param hub          the hub path
     * @param connectionId the connection
     * @param problem      what was wrong
     */
    public static void protocolError(String hub, String connectionId, String problem) {
        LOG.log(Level.INFO, "HUBS1003I Connection {0} of hub {1} was closed: it sent an invalid message: {2}",
                connectionId, hub, problem);
    }

    /**
     * A connection's outbound queue overflowed and the connection was closed.
     *
     * @param connectionId the connection
     * @param capacity     the queue capacity
     */
    public static void outboundQueueFull(String connectionId, int capacity) {
        LOG.log(Level.WARNING, "HUBS1004W Connection {0} was closed: its outbound queue was full ({1} messages "
                + "waiting). The client reads slower than messages are sent to it.", connectionId, capacity);
    }

    /**
     * A handshake failed.
     *
     * @param hub          the hub path
     * @param connectionId the connection
     * @param problem      what was wrong
     */
    public static void handshakeFailed(String hub, String connectionId, String problem) {
        LOG.log(Level.INFO, "HUBS1005I Handshake of connection {0} with hub {1} failed: {2}",
                connectionId, hub, problem);
    }

    /**
     * A connection was closed for silence: no handshake in time, or nothing received within the client timeout.
     *
     * @param connectionId the connection
     * @param reason       which limit
     */
    public static void timedOut(String connectionId, String reason) {
        LOG.log(Level.DEBUG, "HUBS1006I Connection {0} was closed: {1}", connectionId, reason);
    }

    /**
     * Writing to a transport failed; the connection is closed.
     *
     * @param connectionId the connection
     * @param error        the failure
     */
    public static void writeFailed(String connectionId, Throwable error) {
        LOG.log(Level.DEBUG, "HUBS1007I Writing to connection {0} failed: {1}", connectionId, String.valueOf(error));
    }

    /**
     * An invocation of a hub method could not be bound to it.
     *
     * @param hub          the hub path
     * @param target       the name the client sent
     * @param connectionId the caller
     * @param error        the problem
     */
    public static void bindingFailed(String hub, String target, String connectionId, Throwable error) {
        LOG.log(Level.DEBUG, "HUBS1008I Invocation of ''{0}'' on hub {1} by connection {2} could not be bound: {3}",
                target, hub, connectionId, String.valueOf(error));
    }

    /**
     * A life-cycle method of a hub failed.
     *
     * @param hub          the hub path
     * @param method       the method name
     * @param connectionId the connection
     * @param error        what it threw
     */
    public static void lifecycleFailed(String hub, String method, String connectionId, Throwable error) {
        LOG.log(Level.WARNING, "HUBS1010W Life-cycle method ''{0}'' of hub {1} failed for connection {2}: {3}",
                method, hub, connectionId, String.valueOf(error));
        LOG.log(Level.DEBUG, "HUBS1010W stack trace", error);
    }

    /**
     * A stream of results ended with an error from its publisher.
     *
     * @param hub          the hub path
     * @param method       the streaming method
     * @param connectionId the client
     * @param error        the publisher's error
     */
    public static void streamFailed(String hub, String method, String connectionId, Throwable error) {
        LOG.log(Level.WARNING, "HUBS1011W Stream of ''{0}'' on hub {1} to connection {2} failed: {3}",
                method, hub, connectionId, String.valueOf(error));
        LOG.log(Level.DEBUG, "HUBS1011W stack trace", error);
    }

    /**
     * A client sent a stream message that refers to no stream of its connection, or an item that does not fit.
     *
     * @param connectionId the client
     * @param what         what was wrong
     */
    public static void unexpectedStreamMessage(String connectionId, String what) {
        LOG.log(Level.DEBUG, "HUBS1012I Connection {0}: {1}", connectionId, what);
    }

    /**
     * A callback of the application (life-cycle, activator) failed in a place where nobody else can be told.
     *
     * @param what  what was running
     * @param error the failure
     */
    public static void unexpected(String what, Throwable error) {
        LOG.log(Level.ERROR, "HUBS1009E " + what + " failed", error);
    }

    /**
     * An invocation was refused by the access rule of its method ({@code @RolesAllowed}, {@code @DenyAll}).
     *
     * @param hubPath      the hub
     * @param method       the method
     * @param connectionId the caller
     */
    public static void invocationUnauthorized(String hubPath, String method, String connectionId) {
        LOG.log(Level.INFO, "HUBS1013I Hub {0}: connection {1} may not invoke {2}", hubPath, connectionId, method);
    }
}
