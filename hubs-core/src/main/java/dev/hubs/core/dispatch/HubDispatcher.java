package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import dev.hubs.core.CoreLog;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.InvocationBindingFailureMessage;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.StreamInvocationMessage;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs hub methods for incoming invocations and answers them.
 *
 * <p>A method runs on the thread that delivered the message, so the invocations of one connection run one after
 * the other, in order. A method returning a {@link CompletionStage} frees that thread at once: its completion is
 * sent when the stage completes, and the connection's next messages are processed meanwhile (so awaiting
 * something the same client must send cannot deadlock the connection).
 */
public final class HubDispatcher {

    private final String hubPath;
    private final HubMethodTable methods;
    private final HubActivator activator;
    private final boolean detailedErrors;
    private final Function<HubConnectionContext, HubCaller> callers;

    /**
     * Creates the dispatcher of a hub.
     *
     * @param hubPath        the hub path, for logs
     * @param methods        the method table
     * @param activator      gives hub instances
     * @param detailedErrors whether exception details reach clients
     * @param callers        makes the caller objects of a connection
     */
    public HubDispatcher(String hubPath, HubMethodTable methods, HubActivator activator, boolean detailedErrors,
                         Function<HubConnectionContext, HubCaller> callers) {
        this.hubPath = hubPath;
        this.methods = methods;
        this.activator = activator;
        this.detailedErrors = detailedErrors;
        this.callers = callers;
    }

    /**
     * Answers an invocation whose arguments could not be bound.
     *
     * @param connection the caller
     * @param failure    the failure
     */
    public void bindingFailed(HubConnectionContext connection, InvocationBindingFailureMessage failure) {
        CoreLog.bindingFailed(hubPath, failure.target(), connection.connectionId(), failure.cause());
        if (failure.invocationId() != null) {
            // A known method is named as declared, an unknown one as the client sent it, like SignalR does.
            HubMethod method = methods.find(failure.target());
            String name = method == null ? failure.target() : method.name();
            connection.send(CompletionMessage.withError(failure.invocationId(),
                    ErrorMessages.bindingFailed(name, failure.cause(), detailedErrors)));
        }
    }

    /**
     * Answers a stream invocation: no method of this version streams, so it is the protocol's mismatch error.
     *
     * @param connection the caller
     * @param message    the invocation
     */
    public void streamInvocation(HubConnectionContext connection, StreamInvocationMessage message) {
        HubMethod method = methods.find(message.target());
        String name = method == null ? message.target() : method.name();
        connection.send(CompletionMessage.withError(message.invocationId(), "The client attempted to invoke the "
                + "non-streaming '" + name + "' method with a streaming invocation."));
    }

    /**
     * Runs an invocation.
     *
     * @param connection the caller
     * @param message    the invocation, with bound arguments
     */
    public void invoke(HubConnectionContext connection, InvocationMessage message) {
        HubMethod method = methods.find(message.target());
        if (method == null) {
            // Cannot happen with a binder-checked message, but never leave a caller waiting.
            answer(connection, message.invocationId(), null,
                    "Unknown hub method '" + message.target() + "'");
            return;
        }
        HubActivator.ActivatedHub hub;
        try {
            hub = activator.create(callers.apply(connection));
        } catch (RuntimeException e) {
            fail(connection, message, method, e);
            return;
        }
        boolean released = false;
        try {
            Object result = method.invoke(hub.instance(), message.arguments());
            if (method.asynchronous() && result != null) {
                released = true; // released when the stage completes
                ((CompletionStage<?>) result).whenComplete((value, error) -> {
                    hub.release();
                    if (error != null) {
                        fail(connection, message, method, unwrap(error));
                    } else {
                        answer(connection, message.invocationId(), value, null);
                    }
                });
            } else {
                answer(connection, message.invocationId(), result, null);
            }
        } catch (Throwable error) {
            if (error instanceof VirtualMachineError vm) {
                throw vm;
            }
            fail(connection, message, method, error);
        } finally {
            if (!released) {
                hub.release();
            }
        }
    }

    private void fail(HubConnectionContext connection, InvocationMessage message, HubMethod method,
                      Throwable error) {
        if (error instanceof HubException) {
            CoreLog.hubExceptionThrown(hubPath, method.name(), connection.connectionId(), error.getMessage());
        } else {
            CoreLog.hubMethodFailed(hubPath, method.name(), connection.connectionId(), error);
        }
        answer(connection, message.invocationId(), null,
                ErrorMessages.invocationFailed(method.name(), error, detailedErrors));
    }

    private static void answer(HubConnectionContext connection, String invocationId, Object result, String error) {
        if (invocationId == null) {
            return; // a non-blocking invocation: the caller wants no completion
        }
        connection.send(error != null ? CompletionMessage.withError(invocationId, error)
                : CompletionMessage.withResult(invocationId, result));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
