/**
 * Connections: their identity (public id, secret token), state, per-connection items, and the one outbound queue
 * through which every message to a connection passes, so that no two threads ever write to one transport at once
 * and no lock is held while writing.
 */
package dev.hubs.core.connection;
