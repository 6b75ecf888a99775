package dev.hubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the hub method that runs when a connection has completed its handshake, before it receives any message
 * sent to others.
 *
 * <p>The method is public or not, takes no parameters and returns {@code void} or a
 * {@link java.util.concurrent.CompletionStage}; a hub has at most one. It runs like a hub method, on a fresh hub
 * instance, with {@link HubCallerContext}, {@link HubCallerClients} and {@link GroupManager} of the new connection.
 * It is not callable by clients. If it throws (or its stage fails), the connection is closed with an error.
 *
 * <pre>{@code
 * @OnConnected
 * void joined() {
 *     clients.others().send("joined", context.connectionId());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnConnected {
}
