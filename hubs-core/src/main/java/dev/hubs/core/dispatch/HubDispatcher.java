package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import dev.hubs.core.CoreLog;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.InvocationBindingFailureMessage;
import dev.hubs.core.protocol.InvocationMessage;
import dev.hubs.core.protocol.StreamInvocationMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs hub methods for incoming invocations and answers them, and runs the life-cycle methods.
 *
 * <p>Invocations of one connection pass its {@link dev.hubs.core.connection.InvocationGate}: at most
 * {@code maximumParallelInvocationsPerClient} run at once, in arrival order. A method runs on the thread that
 * delivered its message (or that completed the invocation before it); a method returning a {@link CompletionStage}
 * holds its slot until the stage completes, without holding a thread.
 */
public final class HubDispatcher {

    private final String hubPath;
    private final HubMethodTable methods;
    private final HubActivator activator;
    private final boolean detailedErrors;
    private final Function<HubConnectionContext, HubCaller> callers;
    private final UnaryOperator<Throwable> errorTranslator;

    /**
     * Creates the dispatcher of a hub.
     *
     * @param hubPath         the hub path, for logs
     * @param methods         the method table
     * @param activator       gives hub instances
     * @param detailedErrors  whether exception details reach clients
     * @param callers         makes the caller objects of a connection
     * @param errorTranslator turns exceptions of the platform (such as Bean Validation's) into what the client
     *                        should see, typically a {@link HubException}; identity when there is nothing to do
     */
    public HubDispatcher(String hubPath, HubMethodTable methods, HubActivator activator, boolean detailedErrors,
                         Function<HubConnectionContext, HubCaller> callers, UnaryOperator<Throwable> errorTranslator) {
        this.hubPath = hubPath;
        this.methods = methods;
        this.activator = activator;
        this.detailedErrors = detailedErrors;
        this.callers = callers;
        this.errorTranslator = errorTranslator;
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
     * Runs an invocation when the connection's gate lets it.
     *
     * @param connection the caller
     * @param message    the invocation, with bound arguments
     */
    public void invoke(HubConnectionContext connection, InvocationMessage message) {
        HubMethod method = methods.find(message.target());
        if (method == null) {
            // Cannot happen with a binder-checked message, but never leave a caller waiting.
            answer(connection, message.invocationId(), null, "Unknown hub method '" + message.target() + "'", null);
            return;
        }
        connection.invocations().submit(done -> call(connection, method, message.arguments(), (result, error) -> {
            if (error != null) {
                fail(connection, message.invocationId(), method, error);
            } else {
                answer(connection, message.invocationId(), result, null, method);
            }
            done.run();
        }));
    }

    /**
     * Runs the {@code @OnConnected} method, if the hub has one, before any invocation of the connection.
     *
     * @param connection the new connection
     * @param failed     told when the method failed; the connection must then be closed
     */
    public void connected(HubConnectionContext connection, BiConsumer<HubConnectionContext, Throwable> failed) {
        HubMethod method = methods.onConnected();
        if (method == null) {
            return;
        }
        connection.invocations().submitExclusive(done -> call(connection, method, new Object[0], (result, error) -> {
            if (error != null) {
                CoreLog.lifecycleFailed(hubPath, method.name(), connection.connectionId(), error);
                failed.accept(connection, error);
            }
            done.run();
        }));
    }

    /**
     * Runs the {@code @OnDisconnected} method, if the hub has one.
     *
     * @param connection the ended connection
     * @param cause      why it ended, {@code null} when cleanly
     * @return completes when the method has completed (also when it failed: that is only logged)
     */
    public CompletionStage<Void> disconnected(HubConnectionContext connection, Throwable cause) {
        HubMethod method = methods.onDisconnected();
        if (method == null) {
            return CompletableFuture.completedStage(null);
        }
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Object[] arguments = method.parameterTypes().isEmpty() ? new Object[0] : new Object[]{cause};
        call(connection, method, arguments, (result, error) -> {
            if (error != null) {
                CoreLog.lifecycleFailed(hubPath, method.name(), connection.connectionId(), error);
            }
            finished.complete(null);
        });
        return finished;
    }

    /**
     * Creates a hub, runs a method on it and reports the outcome once: at once for a plain method, when the stage
     * completes for an asynchronous one. The hub is released after the outcome is known.
     */
    private void call(HubConnectionContext connection, HubMethod method, Object[] arguments,
                      BiConsumer<Object, Throwable> outcome) {
        HubActivator.ActivatedHub hub;
        try {
            hub = activator.create(callers.apply(connection));
        } catch (RuntimeException e) {
            outcome.accept(null, e);
            return;
        }
        Object result;
        try {
            result = method.invoke(hub.instance(), arguments);
        } catch (Throwable error) {
            finish(hub);
            if (error instanceof VirtualMachineError vm) {
                throw vm;
            }
            outcome.accept(null, error);
            return;
        }
        if (method.asynchronous() && result != null) {
            detach(hub);
            ((CompletionStage<?>) result).whenComplete((value, error) -> {
                release(hub);
                outcome.accept(value, error == null ? null : unwrap(error));
            });
        } else {
            finish(hub);
            outcome.accept(result, null);
        }
    }

    private static void finish(HubActivator.ActivatedHub hub) {
        detach(hub);
        release(hub);
    }

    private static void detach(HubActivator.ActivatedHub hub) {
        try {
            hub.detach();
        } catch (RuntimeException e) {
            CoreLog.unexpected("Ending the contexts of a hub invocation", e);
        }
    }

    private static void release(HubActivator.ActivatedHub hub) {
        try {
            hub.release();
        } catch (RuntimeException e) {
            CoreLog.unexpected("Releasing a hub instance", e);
        }
    }

    private void fail(HubConnectionContext connection, String invocationId, HubMethod method, Throwable raw) {
        Throwable error = errorTranslator.apply(raw);
        if (error instanceof HubException) {
            CoreLog.hubExceptionThrown(hubPath, method.name(), connection.connectionId(), error.getMessage());
        } else {
            CoreLog.hubMethodFailed(hubPath, method.name(), connection.connectionId(), error);
        }
        answer(connection, invocationId, null, ErrorMessages.invocationFailed(method.name(), error, detailedErrors),
                method);
    }

    private void answer(HubConnectionContext connection, String invocationId, Object result, String error,
                        HubMethod method) {
        if (invocationId == null) {
            return; // a non-blocking invocation: the caller wants no completion
        }
        if (error != null) {
            connection.send(CompletionMessage.withError(invocationId, error));
            return;
        }
        try {
            connection.send(CompletionMessage.withResult(invocationId, result));
        } catch (RuntimeException e) {
            // The result could not be converted to JSON: the caller still gets its completion.
            CoreLog.hubMethodFailed(hubPath, method.name(), connection.connectionId(), e);
            connection.send(CompletionMessage.withError(invocationId,
                    ErrorMessages.invocationFailed(method.name(), e, detailedErrors)));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
