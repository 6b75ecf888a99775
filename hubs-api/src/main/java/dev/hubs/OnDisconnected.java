package dev.hubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the hub method that runs once when a connection that completed its handshake has ended.
 *
 * <p>The method takes no parameters, or one {@link Throwable}: why the connection ended, {@code null} when it
 * closed cleanly. It returns {@code void} or a {@link java.util.concurrent.CompletionStage}; a hub has at most one.
 * It runs on a fresh hub instance with the ended connection's {@link HubCallerContext}; the connection no longer
 * receives messages, and it leaves its groups (and the hub) once this method has completed, as in SignalR, so a
 * message to one of its groups reaches the remaining members. What it throws is logged; the cleanup of the
 * connection happens regardless.
 *
 * <pre>{@code
 * @OnDisconnected
 * void left(Throwable cause) {
 *     clients.all().send("left", context.connectionId());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnected {
}
