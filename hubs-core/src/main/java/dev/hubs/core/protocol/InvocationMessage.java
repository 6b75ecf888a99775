package dev.hubs.core.protocol;

import java.util.List;

/**
 * Type 1: a call of a method on the other side.
 *
 * @param invocationId the id the completion will carry, or {@code null} for a call that wants no answer
 * @param target       the method name
 * @param arguments    the arguments, already converted to the types the target expects
 * @param streamIds    ids of streams the caller will upload for this call; empty when none
 */
public record InvocationMessage(String invocationId, String target, Object[] arguments, List<String> streamIds)
        implements HubMessage {

    /**
     * A message, with no upload streams.
     */
    public InvocationMessage(String invocationId, String target, Object[] arguments) {
        this(invocationId, target, arguments, List.of());
    }

    /**
     * Normalises a missing stream list to an empty one.
     */
    public InvocationMessage {
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
    }
}
