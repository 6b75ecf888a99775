package dev.hubs.core.dispatch;

import dev.hubs.core.security.AccessDecision;
import dev.hubs.core.security.HubAuthorization;

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
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    private final HubAuthorization authorization;
    private final HubActivator activator;
    private final boolean detailedErrors;
    private final Function<HubConnectionContext, HubCaller> callers;
    private final UnaryOperator<Throwable> errorTranslator;
    private final StreamMessages streams;

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
        this(hubPath, methods, HubAuthorization.of(methods), activator, detailedErrors, callers, errorTranslator);
    }

    /**
     * Creates the dispatcher of a hub whose methods may carry access rules.
     *
     * @param hubPath         the hub path, for logs
     * @param methods         the method table
     * @param authorization   the access rules of the hub's methods
     * @param activator       gives hub instances
     * @param detailedErrors  whether exception details reach clients
     * @param callers         makes the caller objects of a connection
     * @param errorTranslator turns exceptions of the platform into what the client should see
     */
    public HubDispatcher(String hubPath, HubMethodTable methods, HubAuthorization authorization,
                         HubActivator activator, boolean detailedErrors,
                         Function<HubConnectionContext, HubCaller> callers, UnaryOperator<Throwable> errorTranslator) {
        this.hubPath = hubPath;
        this.methods = methods;
        this.authorization = authorization;
        this.activator = activator;
        this.detailedErrors = detailedErrors;
        this.callers = callers;
        this.errorTranslator = errorTranslator;
        this.streams = new StreamMessages(this, detailedErrors);
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
     * Runs an invocation when the connection's gate lets it.
     *
     * <p>A method taking upload streams holds its place in the gate only until it returns (not until its stage
     * completes), as SignalR lets stream calls run beside other invocations: the uploads it consumes arrive while it
     * runs, and may take long.
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
        if (!authorized(connection, method, message.target(), message.invocationId())) {
            return;
        }
        if (method.streaming()) {
            if (message.invocationId() != null) {
                connection.send(CompletionMessage.withError(message.invocationId(),
                        ErrorMessages.streamingMethodInvoked(method.name())));
            }
            return;
        }
        Object[] arguments = streams.withUploads(connection, method, message.invocationId(), message.arguments(),
                message.streamIds());
        if (arguments == null) {
            return;
        }
        boolean uploading = !method.uploads().isEmpty();
        connection.invocations().submit(done -> call(connection, method, arguments, uploading ? done : null,
                (result, error) -> {
                    if (error != null) {
                        fail(connection, message.invocationId(), method, error);
                    } else {
                        answer(connection, message.invocationId(), result, null, method);
                    }
                    streams.endUploads(connection, message.streamIds());
                    if (!uploading) {
                        done.run();
                    }
                }));
    }

    /**
     * Runs a stream invocation: the method returns a {@link java.util.concurrent.Flow.Publisher} whose items are
     * sent as StreamItem messages (see {@link OutgoingStream}). Its place in the gate is given back as soon as the
     * method has returned the publisher; the hub instance lives until the stream ends.
     *
     * @param connection the caller
     * @param message    the invocation, with bound arguments
     */
    public void streamInvocation(HubConnectionContext connection, StreamInvocationMessage message) {
        HubMethod method = methods.find(message.target());
        String id = message.invocationId();
        if (method == null) {
            connection.send(CompletionMessage.withError(id, "Unknown hub method '" + message.target() + "'"));
            return;
        }
        if (!authorized(connection, method, message.target(), id)) {
            return;
        }
        if (!method.streaming()) {
            connection.send(CompletionMessage.withError(id, ErrorMessages.plainMethodStreamed(method.name())));
            return;
        }
        if (connection.streams().outgoing(id) != null) {
            connection.send(CompletionMessage.withError(id, ErrorMessages.idInUse(id)));
            return;
        }
        Object[] arguments = streams.withUploads(connection, method, id, message.arguments(), message.streamIds());
        if (arguments == null) {
            return;
        }
        // The hub instance is released once both the call has returned and the stream has ended, whichever is last.
        AtomicInteger pending = new AtomicInteger(2);
        AtomicReference<HubActivator.ActivatedHub> hubOfStream = new AtomicReference<>();
        Runnable ended = () -> {
            if (pending.decrementAndGet() == 0) {
                HubActivator.ActivatedHub hub = hubOfStream.get();
                if (hub != null) {
                    release(hub);
                }
            }
        };
        OutgoingStream stream = new OutgoingStream(connection, id,
                error -> ErrorMessages.streamFailed(errorTranslator.apply(error), detailedErrors),
                error -> {
                    if (error != null) {
                        CoreLog.streamFailed(hubPath, method.name(), connection.connectionId(), error);
                    }
                    streams.endUploads(connection, message.streamIds());
                    ended.run();
                });
        if (!connection.streams().startOutgoing(id, stream)) {
            streams.endUploads(connection, message.streamIds());
            connection.send(CompletionMessage.withError(id, ErrorMessages.idInUse(id)));
            return;
        }
        connection.invocations().submit(done -> {
            connection.counters().invocationStarted();
            Invoked invoked;
            try {
                invoked = run(connection, method, arguments);
            } finally {
                connection.counters().invocationEnded();
            }
            hubOfStream.set(invoked.hub());
            done.run();
            if (invoked.error() != null) {
                Throwable error = errorTranslator.apply(invoked.error());
                logFailure(connection, method, error);
                stream.failInvocation(ErrorMessages.invocationFailed(method.name(), error, detailedErrors));
            } else if (!(invoked.result() instanceof Flow.Publisher<?> publisher)) {
                stream.failInvocation(ErrorMessages.nullStream(method.name()));
            } else {
                subscribe(publisher, stream);
            }
            ended.run();
        });
    }

    /**
     * Applies the method's access rule to the caller, as SignalR does before anything else of an invocation: a
     * refused caller gets an error Completion (in its turn, after the invocations before it) and keeps the
     * connection.
     */
    private boolean authorized(HubConnectionContext connection, HubMethod method, String target, String invocationId) {
        if (authorization.methodRule(method).decide(connection.identity()) == AccessDecision.ALLOWED) {
            return true;
        }
        CoreLog.invocationUnauthorized(hubPath, method.name(), connection.connectionId());
        if (invocationId != null) {
            connection.invocations().submit(done -> {
                connection.send(CompletionMessage.withError(invocationId, ErrorMessages.unauthorized(target)));
                done.run();
            });
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void subscribe(Flow.Publisher<?> publisher, OutgoingStream stream) {
        try {
            ((Flow.Publisher<Object>) publisher).subscribe(stream);
        } catch (RuntimeException e) {
            stream.onError(e); // Reactive Streams forbids throwing from subscribe, but never leave the client hanging
        }
    }

    /**
     * Handles a message about streams or client results: a StreamItem or Completion of an upload, a Completion
     * answering a client result, a CancelInvocation of a stream of results, an item that did not fit its type.
     *
     * @return the stream handling of this hub
     */
    public StreamMessages streams() {
        return streams;
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
            connection.connectedHandlerStarts(CompletableFuture.completedStage(null));
            return;
        }
        connection.invocations().submitExclusive(done -> {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            if (!connection.connectedHandlerStarts(finished)) {
                done.run(); // the connection ended before its turn: neither life-cycle method runs
                return;
            }
            call(connection, method, new Object[0], null, (result, error) -> {
                if (error != null) {
                    CoreLog.lifecycleFailed(hubPath, method.name(), connection.connectionId(), error);
                    failed.accept(connection, error);
                }
                // After the failure is noted: a disconnect waiting for this then knows not to run @OnDisconnected.
                finished.complete(null);
                done.run();
            });
        });
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
        call(connection, method, arguments, null, (result, error) -> {
            if (error != null) {
                CoreLog.lifecycleFailed(hubPath, method.name(), connection.connectionId(), error);
            }
            finished.complete(null);
        });
        return finished;
    }

    /** A method's outcome, with the hub it ran on ({@code null} when none could be created). */
    private record Invoked(Object result, Throwable error, HubActivator.ActivatedHub hub) {
    }

    /**
     * Creates a hub and runs a method on it; the hub's contexts are ended when it returns, the hub itself is left
     * for the caller to release.
     */
    private Invoked run(HubConnectionContext connection, HubMethod method, Object[] arguments) {
        HubActivator.ActivatedHub hub;
        try {
            hub = activator.create(callers.apply(connection));
        } catch (RuntimeException e) {
            return new Invoked(null, e, null);
        }
        try {
            Object result = method.invoke(hub.instance(), arguments);
            detach(hub);
            return new Invoked(result, null, hub);
        } catch (Throwable error) {
            detach(hub);
            if (error instanceof VirtualMachineError vm) {
                release(hub);
                throw vm;
            }
            return new Invoked(null, error, hub);
        }
    }

    /**
     * Creates a hub, runs a method on it and reports the outcome once: at once for a plain method, when the stage
     * completes for an asynchronous one. The hub is released after the outcome is known.
     *
     * @param returned run as soon as the method has returned, before its stage completes; may be {@code null}
     */
    private void call(HubConnectionContext connection, HubMethod method, Object[] arguments, Runnable returned,
                      BiConsumer<Object, Throwable> reported) {
        // Counted from here until the outcome is known: what HubMonitor shows as running invocations.
        connection.counters().invocationStarted();
        BiConsumer<Object, Throwable> outcome = (result, error) -> {
            connection.counters().invocationEnded();
            reported.accept(result, error);
        };
        Invoked invoked;
        try {
            invoked = run(connection, method, arguments);
        } catch (VirtualMachineError e) {
            connection.counters().invocationEnded();
            throw e;
        }
        if (returned != null) {
            returned.run();
        }
        HubActivator.ActivatedHub hub = invoked.hub();
        if (invoked.error() != null) {
            if (hub != null) {
                release(hub);
            }
            outcome.accept(null, invoked.error());
            return;
        }
        if (method.asynchronous() && invoked.result() != null) {
            ((CompletionStage<?>) invoked.result()).whenComplete((value, error) -> {
                release(hub);
                outcome.accept(value, error == null ? null : unwrap(error));
            });
        } else {
            release(hub);
            outcome.accept(invoked.result(), null);
        }
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
        logFailure(connection, method, error);
        answer(connection, invocationId, null, ErrorMessages.invocationFailed(method.name(), error, detailedErrors),
                method);
    }

    private void logFailure(HubConnectionContext connection, HubMethod method, Throwable error) {
        if (error instanceof HubException) {
            CoreLog.hubExceptionThrown(hubPath, method.name(), connection.connectionId(), error.getMessage());
        } else {
            CoreLog.hubMethodFailed(hubPath, method.name(), connection.connectionId(), error);
        }
    }

    /** Sends the completion of an invocation (nothing for one that wants no answer). */
    void answer(HubConnectionContext connection, String invocationId, Object result, String error,
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
