/**
 * Extension points of Hubs: what another module implements to change how messages reach connections.
 *
 * <p>{@link dev.hubs.spi.HubLifetimeManager} is the only way a message leaves for a connection; an in-memory one
 * comes with {@code hubs-core}, and a backplane (Redis, in {@code hubs-redis}) replaces it for more than one server
 * through a {@link dev.hubs.spi.HubLifetimeManagerFactory}. A backplane serializes a message once, with the hub's
 * {@link dev.hubs.spi.InvocationSerializer}, and the servers that receive it hand those bytes to their connections
 * unchanged ({@link dev.hubs.spi.ClientInvocation#ofSerialized}).
 */
package dev.hubs.spi;
