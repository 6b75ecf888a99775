/**
 * The transport-neutral engine of Hubs: one {@link dev.hubs.core.HubRuntime} per hub ties the protocol, the
 * dispatcher, the connections and the lifetime manager together; transports hand it text and take text back.
 *
 * <p>This module never imports {@code jakarta.websocket} or {@code jakarta.servlet}.
 */
package dev.hubs.core;
