package dev.hubs;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a hub and gives the path its clients connect to.
 *
 * <p>{@code @Hub} is a bean-defining CDI stereotype: an annotated class is a {@link Dependent} bean without a
 * {@code beans.xml}, so a WAR that holds the Hubs CDI extension needs nothing else for the hub to be served.
 * At deployment the extension registers, per hub:
 * <ul>
 *   <li>the connection endpoint at {@code <context root><path>} (WebSockets, and the fallback transports when
 *       {@code hubs-servlet-fallback} is on the class path);</li>
 *   <li>the negotiate endpoint at {@code <context root><path>/negotiate}.</li>
 * </ul>
 *
 * <p><b>Hub methods.</b> Every public, non-static method declared by the hub class or a superclass (other than
 * {@code Object}) can be called by clients, under its simple name matched case-insensitively; overloading is not
 * supported, and two methods whose names differ only in case fail the deployment. Arguments and return values
 * are converted with JSON-B. A method may return a value, nothing ({@code void}), or a
 * {@link java.util.concurrent.CompletionStage}, whose completion is sent when it completes. A
 * {@link HubException} thrown by a method reaches the client with its message; any other exception reaches it as a
 * generic error text.
 *
 * <p><b>Streams.</b> A method returning {@code java.util.concurrent.Flow.Publisher<T>} streams its result: clients
 * call it with {@code connection.stream(...)} and receive the items one by one, then the end. The server asks the
 * publisher for at most {@code stream-buffer-capacity} items (10) beyond what has been written to the client, so a
 * slow client slows the publisher down; the subscription is cancelled when the client cancels the stream or goes
 * away. A parameter of type {@code Flow.Publisher<T>} receives a stream the client uploads (a {@code Subject} in
 * JavaScript); such a method returns a {@code CompletionStage} that completes once it has consumed its uploads (they
 * end when its result is known), or a {@code Flow.Publisher}. Calling a streaming method with a plain invocation,
 * or a plain method with a stream invocation, answers with SignalR's error.
 *
 * <pre>{@code
 * public Flow.Publisher<Integer> counter(int count) {
 *     SubmissionPublisher<Integer> items = new SubmissionPublisher<>();
 *     executor.submit(() -> { for (int i = 0; i < count; i++) items.submit(i); items.close(); });
 *     return items;
 * }
 *
 * public CompletionStage<Integer> sum(Flow.Publisher<Integer> numbers) { ... }
 * }</pre>
 *
 * <p><b>Client results.</b> {@link ClientProxy#invoke} on {@code caller()} or {@code client(id)} asks one client
 * for a value and completes with its answer; return or compose the stage rather than blocking on it (see there).
 *
 * <p><b>Lifetime.</b> As in SignalR, hubs are transient: one instance is created for each invocation and destroyed
 * afterwards, so per-caller objects injected into it ({@link HubCallerContext}, {@link HubCallerClients}) are
 * exactly the caller's and may be captured by asynchronous code. State that must outlive an invocation belongs in
 * another bean. The instance that returned a stream lives until the stream ends; the request context of a call
 * ends when the method returns.
 *
 * <pre>{@code
 * @Hub("/chat")
 * public class ChatHub {
 *     @Inject HubCallerClients<ClientProxy> clients;
 *
 *     public void send(String name, String message) {
 *         clients.all().send("addNewMessageToPage", name, message);
 *     }
 * }
 * }</pre>
 */
@Stereotype
@Dependent
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Hub {

    /**
     * The path of the hub relative to the context root of the application, starting with {@code /}, for example
     * {@code "/chat"}. Two hubs of one application must not share a path.
     *
     * @return the hub path
     */
    String value();
}
