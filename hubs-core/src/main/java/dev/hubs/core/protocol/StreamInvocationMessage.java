package dev.hubs.core.protocol;

import java.util.List;

/**
 * Type 4: a call of a method that answers with a stream of items.
 *
 * @param invocationId the id the items and the completion will carry
 * @param target       the method name
 * @param arguments    the arguments, already converted to the types the target expects
 * @param streamIds    ids of streams the caller will upload for this call; empty when none
 */
public record StreamInvocationMessage(String invocationId, String target, Object[] arguments, List<String> streamIds)
        implements HubMessage {

    /**
     * Normalises a missing stream list to an empty one.
     */
    public StreamInvocationMessage {
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
    }
}
