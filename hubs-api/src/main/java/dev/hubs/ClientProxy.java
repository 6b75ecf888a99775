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
}
