/**
 * The fallback transports of SignalR over Jakarta Servlet: Server-Sent Events and long polling, each paired with
 * HTTP POST for the client-to-server direction.
 *
 * <p>This module is the home of those transports; until they land, a WAR with Hubs serves WebSockets only and its
 * negotiate responses advertise nothing else.
 */
package dev.hubs.servlet;
