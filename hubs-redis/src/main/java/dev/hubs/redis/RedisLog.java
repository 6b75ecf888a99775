package dev.hubs.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Every log message of the Redis backplane, each with a stable id (HUBS3xxx) an operator can search for.
 */
final class RedisLog {

    private static final Logger LOG = System.getLogger("dev.hubs.redis");

    private RedisLog() {
    }

    static void connected(String where, String serverId) {
        LOG.log(Level.INFO, "HUBS3001I Connected to Redis at {0}; this server is {1} in the backplane",
                where, serverId);
    }

    static void notReachableAtStart(String where, Throwable error) {
        LOG.log(Level.WARNING, "HUBS3002W Redis at {0} is not reachable ({1}); hubs deliver to the connections of "
                + "this server only, and the backplane keeps trying to connect", where, String.valueOf(error));
    }

    static void connectionLost(String where, String role) {
        LOG.log(Level.WARNING, "HUBS3003W Lost the {0} connection to Redis at {1}; until it is back, sends that need "
                + "other servers fail and only the connections of this server receive messages", role, where);
    }

    static void reconnected(String where, String role) {
        LOG.log(Level.INFO, "HUBS3004I The {0} connection to Redis at {1} is back", role, where);
    }

    static void resubscribed(String where, int channels) {
        LOG.log(Level.INFO, "HUBS3005I Listening again to {0} channel(s) on Redis at {1}; messages from other servers "
                + "reach this server again", channels, where);
    }

    static void publishFailed(String what, String where, Throwable error, String lost, boolean first) {
        // One warning per outage: during one, every send to another server fails, and the log must stay readable.
        LOG.log(first ? Level.WARNING : Level.DEBUG, "HUBS3006W A message {0} could not be sent through Redis at {1} "
                + "({2}): {3}{4}", what, where, String.valueOf(error), lost,
                first ? "; further failures are logged at debug level until Redis is reachable again" : "");
    }

    static void undecodable(String channel, String problem) {
        LOG.log(Level.WARNING, "HUBS3007W Dropped a message on channel {0}: {1}", channel, problem);
    }

    static void ackTimedOut(String connectionId, String group, long millis) {
        LOG.log(Level.WARNING, "HUBS3008W The server holding connection {0} did not acknowledge a change of group "
                + "''{1}'' within {2} ms", connectionId, group, millis);
    }

    static void handlerFailed(String channel, Throwable error) {
        LOG.log(Level.WARNING, "HUBS3009W Handling a message on channel " + channel + " failed", error);
    }

    static void closeFailed(Throwable error) {
        LOG.log(Level.DEBUG, "HUBS3010I Closing the Redis client: " + error);
    }
}
