/**
 * The Redis backplane: a {@link dev.hubs.spi.HubLifetimeManager} per hub that reaches connections on every server of
 * a cluster through Redis pub/sub, switched on by setting {@code hubs.redis.uri}.
 *
 * <p>Each server keeps its own connections in an in-memory manager and delivers to them directly; what may concern
 * another server is published once, as the protocol bytes plus routing data, on a channel per hub and target:
 * {@code <prefix>:<hub class>:all}, {@code ...:connection:<id>}, {@code ...:group:<name>}, {@code ...:user:<id>}, and
 * {@code ...:ack:<server>} for acknowledgements of group changes. A server listens to a group's or user's channel only
 * while one of its connections belongs to it. See {@code docs/scale-out.md}.
 */
package dev.hubs.redis;
