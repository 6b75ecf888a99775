package dev.hubs.cdi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Every log message of the CDI extension and its transports, each with a stable id.
 */
public final class CdiLog {

    private static final Logger LOG = System.getLogger("dev.hubs.cdi");

    private CdiLog() {
    }

    /**
     * A hub is served.
     *
     * @param hubClass the hub class
     * @param path     its path
     * @param methods  how many methods clients may call
     */
    public static void hubRegistered(String hubClass, String path, int methods) {
        LOG.log(Level.INFO, "HUBS2001I Hub {0} is served at {1} ({2} client-callable method(s))",
                hubClass, path, methods);
    }

    /**
     * A transport failed in a way nobody else is told of.
     *
     * @param what  what was going on
     * @param error the failure
     */
    public static void transportError(String what, Throwable error) {
        LOG.log(Level.DEBUG, "HUBS2002I " + what + ": " + error);
    }

    /**
     * A WebSocket upgrade could not be made.
     *
     * @param path  the hub path
     * @param error the failure
     */
    public static void upgradeFailed(String path, Throwable error) {
        LOG.log(Level.WARNING, "HUBS2003W WebSocket upgrade for hub " + path + " failed", error);
    }

    /**
     * A WebSocket send waited too long for its client, which is then disconnected.
     *
     * @param connectionId  the connection
     * @param stalledMillis how long the send waited
     */
    public static void writeStalled(String connectionId, long stalledMillis) {
        LOG.log(Level.WARNING, "HUBS2004W Connection {0} was closed: a send to it waited {1} ms for the client to "
                + "read", connectionId, Long.toString(stalledMillis));
    }

    /**
     * A hub's messages go through a lifetime manager other than the in-memory one.
     *
     * @param hubClass the hub class
     * @param manager  what the manager says of itself
     */
    public static void lifetimeManagerChosen(String hubClass, String manager) {
        LOG.log(Level.INFO, "HUBS2005I Hub {0} delivers its messages through {1}", hubClass, manager);
    }

    /**
     * A request from a page of an origin the hub does not allow was refused (403).
     *
     * @param path   the hub path
     * @param origin the {@code Origin} header
     */
    public static void originRefused(String path, String origin) {
        LOG.log(Level.INFO, "HUBS2006I Hub {0} refused a request from origin {1}", path, origin);
    }

    /**
     * A caller could not negotiate or open a connection: not authenticated (401) or not in a role of the hub (403).
     *
     * @param path   the hub path
     * @param status the HTTP status answered
     * @param reason why
     */
    public static void connectRefused(String path, int status, String reason) {
        LOG.log(Level.INFO, "HUBS2007I Hub {0} refused a connection ({1}): {2}", path, status, reason);
    }

    /**
     * A request for an existing connection did not prove the identity of the connection's owner. Only the public
     * id is logged, never the token the request carried.
     *
     * @param path         the hub path
     * @param connectionId the connection
     * @param reason       why
     */
    public static void requestRefused(String path, String connectionId, String reason) {
        LOG.log(Level.WARNING, "HUBS2008W Hub {0} refused a request for connection {1}: {2}", path, connectionId,
                reason);
    }

    /**
     * New connections were refused (503) because the hub holds its {@code maximum-connections}. Written for the
     * first refusal, then at most once a minute while refusals go on, with their count.
     *
     * @param path     the hub path
     * @param refused  how many were refused since the last such line
     * @param maximum  the hub's maximum
     */
    public static void connectionLimitReached(String path, long refused, int maximum) {
        LOG.log(Level.WARNING, "HUBS2009W Hub {0} refused {1} new connection(s): it holds its maximum of {2} "
                + "connections (maximum-connections)", path, Long.toString(refused), Integer.toString(maximum));
    }
}
