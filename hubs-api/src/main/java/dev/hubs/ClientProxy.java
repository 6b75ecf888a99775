package dev.hubs;

import java.util.concurrent.CompletionStage;

/**
 * The untyped way to call methods on clients: a target (all clients, a group, one connection ...) to which
 * invocations are sent by name.
 *
 * <pre>{@code
 * clients.all().send("addNewMessageToPage", name, message);
 * }</pre>
 *
 * <p>Use {@code HubCallerClients<ClientProxy>} or {@link HubContext#clients()} to get one.
 */
public interface ClientProxy {

    /**
     * Invokes a method on every client of this target, without waiting for an answer.
     *
     * <p>The message is serialized once per protocol whatever the number of receiving connections. The returned
     * stage completes when the message has been handed to every receiving connection's outbound queue (not when the
     * clients received it) and fails when it could not be, for example because the backplane is unreachable.
     *
     * @param method    the client-side method name, as registered with {@code connection.on(method, ...)}
     * @param arguments the arguments, converted to JSON with JSON-B; may be empty
     * @return a stage completing when the message is queued for every receiving connection
     */
    CompletionStage<Void> send(String method, Object... arguments);

    /**
     * Invokes a method on one client and waits for the value it returns: a <em>client result</em>. Only the
     * proxies of a single connection support it ({@link HubClients#client(String)},
     * {@link HubCallerClients#caller()}); every other target throws {@link UnsupportedOperationException}.
     *
     * <pre>{@code
     * public CompletionStage<String> askName() {
     *     return clients.caller().invoke(String.class, "getName");
     * }
     * }</pre>
     *
     * <p>The client answers with the return value of its handler ({@code connection.on("getName", () => "Ada")}
     * in JavaScript, {@code onWithResult} in Java). The stage fails with a {@link HubException} carrying the
     * client's error when its handler threw or it has no handler, with an {@link java.io.IOException} when the
     * connection does not exist or ends before answering, and with a {@link java.util.concurrent.TimeoutException}
     * after the hub's {@code client-result-timeout}.
     *
     * <p><b>Never block a hub method on the answer of its own caller</b> ({@code join()}, {@code get()}): with
     * the default of one invocation at a time per client, the hub method runs on the thread that reads that
     * client's messages, so the answer could only be read after the method returned, and the call ends in the
     * timeout. Return the stage instead (as above), or compose on it: the answer is read while the stage is
     * pending. A hub method that must block needs {@code maximum-parallel-invocations-per-client} above 1, which
     * runs hub methods on their own threads.
     *
     * @param resultType the type the client's answer is converted to with JSON-B
     * @param method     the client-side method name
     * @param arguments  the arguments, converted to JSON with JSON-B
     * @param <T>        the result type
     * @return a stage completing with the client's answer
     * @throws UnsupportedOperationException when this proxy does not stand for exactly one connection
     */
    default <T> CompletionStage<T> invoke(Class<T> resultType, String method, Object... arguments) {
        throw new UnsupportedOperationException("Client results need a single client: use client(connectionId) "
                + "or caller(), not a target that may reach several connections");
    }
}
