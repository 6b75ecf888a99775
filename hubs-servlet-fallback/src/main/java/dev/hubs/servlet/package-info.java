/**
 * The fallback transports of SignalR over Jakarta Servlet: Server-Sent Events and long polling, each paired with
 * HTTP POST for the client-to-server direction, served at the hub path next to WebSockets.
 *
 * <p>Adding this jar to a WAR is all it takes: the hub servlet finds it with {@link java.util.ServiceLoader}, and
 * negotiation then offers {@code ServerSentEvents} and {@code LongPolling} as well (unless a hub's
 * {@code transports} option says otherwise). Long polling and SSE need sticky sessions behind a load balancer: all
 * requests of a connection must reach the server that holds it.
 */
package dev.hubs.servlet;
