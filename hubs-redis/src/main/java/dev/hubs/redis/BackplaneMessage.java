package dev.hubs.redis;

import java.util.List;

/**
 * What servers tell each other over Redis; {@link BackplaneCodec} turns it into the bytes of a pub/sub message.
 * Every message names the server that sent it.
 */
sealed interface BackplaneMessage {

    /**
     * The server that published the message.
     *
     * @return its id
     */
    String origin();

    /** Which connections of a receiving server an {@link Invocation} is for. */
    enum Target {
        /** Every connection, except the excluded ones. */
        ALL,
        /** The named connections. */
        CONNECTIONS,
        /** The members of the named groups, once each, except the excluded ones. */
        GROUPS,
        /** The connections of the named users, once each. */
        USERS
    }

    /**
     * A message for connections: the protocol bytes, made once by the sending server, and where they go.
     *
     * @param origin   the sending server
     * @param target   the kind of target
     * @param names    the connection ids, groups or users (empty for {@link Target#ALL})
     * @param excluded connections that must not receive it
     * @param protocol the protocol the bytes are in
     * @param payload  the serialized invocation, as connections write it
     */
    record Invocation(String origin, Target target, List<String> names, List<String> excluded, String protocol,
                      byte[] payload) implements BackplaneMessage {
    }

    /**
     * A group change for a connection, sent to the server that holds it.
     *
     * @param origin       the server that asks, and wants the acknowledgement
     * @param requestId    the request, repeated in the acknowledgement
     * @param add          {@code true} to add, {@code false} to remove
     * @param connectionId the connection
     * @param group        the group
     */
    record GroupCommand(String origin, long requestId, boolean add, String connectionId, String group)
            implements BackplaneMessage {
    }

    /**
     * A group change is in effect.
     *
     * @param origin    the server that made the change
     * @param requestId the request it acknowledges
     */
    record Ack(String origin, long requestId) implements BackplaneMessage {
    }
}
