/**
 * The WebSocket transport over Jakarta WebSocket: one endpoint instance per connection, created by a programmatic
 * upgrade from the hub's servlet so that the connection is known before the handshake completes.
 */
package dev.hubs.websocket;
