package dev.hubs.redis;

/**
 * The channel names of one hub: {@code <prefix>:<hub>:all}, {@code :connection:<id>}, {@code :group:<name>},
 * {@code :user:<id>} and {@code :ack:<server>}. Every server running the application computes the same names, so
 * the hub name must be the same everywhere (Hubs uses the hub class's fully qualified name).
 *
 * @param root the common start, {@code <prefix>:<hub>:}
 */
record Channels(String root) {

    /**
     * The channels of a hub.
     *
     * @param prefix the configured channel prefix
     * @param hub    the hub name
     * @return the channels
     */
    static Channels of(String prefix, String hub) {
        return new Channels(prefix + ":" + hub + ":");
    }

    /** @return the channel every server listens to: sends to all, and to several groups or users at once */
    String all() {
        return root + "all";
    }

    /**
     * @param connectionId a connection
     * @return the channel only the server that holds the connection listens to
     */
    String connection(String connectionId) {
        return root + "connection:" + connectionId;
    }

    /**
     * @param group a group
     * @return the channel the servers with a member of the group listen to
     */
    String group(String group) {
        return root + "group:" + group;
    }

    /**
     * @param user a user id
     * @return the channel the servers with a connection of the user listen to
     */
    String user(String user) {
        return root + "user:" + user;
    }

    /**
     * @param serverId a server
     * @return the channel on which that server receives acknowledgements of its group changes
     */
    String ack(String serverId) {
        return root + "ack:" + serverId;
    }
}
