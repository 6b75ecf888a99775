package dev.hubs.core.protocol;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Tells the protocol which Java types the values of an incoming message must take, so that arguments are bound
 * while the message is read, once.
 */
public interface InvocationBinder {

    /**
     * The parameter types of a method that clients may invoke.
     *
     * @param target the method name the client sent
     * @return the parameter types in order
     * @throws dev.hubs.HubException when there is no such method; the protocol turns this into an
     *                               {@link InvocationBindingFailureMessage}
     */
    List<Type> parameterTypes(String target);

    /**
     * The type of the result of a server-to-client invocation the client completes.
     *
     * @param invocationId the invocation id the server chose
     * @return the expected result type; {@code Object.class} when unknown
     */
    default Type returnType(String invocationId) {
        return Object.class;
    }

    /**
     * The item type of a stream the client uploads.
     *
     * @param streamId the stream id
     * @return the expected item type; {@code Object.class} when unknown
     */
    default Type streamItemType(String streamId) {
        return Object.class;
    }
}
