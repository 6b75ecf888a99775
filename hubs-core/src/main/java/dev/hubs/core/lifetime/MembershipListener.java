package dev.hubs.core.lifetime;

/**
 * Told by a {@link DefaultHubLifetimeManager} when a group or a user gains its first connection or loses its last,
 * so that a backplane can listen to the group's or user's messages only while this server has a member.
 *
 * <p>The calls for one group (or one user) are made one at a time, in the order the changes happened, while the
 * manager holds that group's (or user's) entry: a listener must return quickly and must not call the manager.
 */
public interface MembershipListener {

    /** Listens to nothing. */
    MembershipListener NONE = new MembershipListener() {
    };

    /**
     * A group has its first connection on this server.
     *
     * @param group the group
     */
    default void groupOccupied(String group) {
    }

    /**
     * The last connection of a group on this server left it.
     *
     * @param group the group
     */
    default void groupVacated(String group) {
    }

    /**
     * A user has its first connection on this server.
     *
     * @param user the user id
     */
    default void userOccupied(String user) {
    }

    /**
     * The last connection of a user on this server ended.
     *
     * @param user the user id
     */
    default void userVacated(String user) {
    }
}
