/**
 * Extension points of Hubs: what another module implements to change how messages reach connections.
 *
 * <p>{@link dev.hubs.spi.HubLifetimeManager} is the only way a message leaves for a connection; an in-memory one
 * comes with {@code hubs-core}, and a backplane (Redis) plugs in here for more than one server.
 */
package dev.hubs.spi;
