/**
 * Who a connection belongs to and what it may call: the identity captured when a connection is negotiated or
 * opened ({@link dev.hubs.core.security.ConnectionIdentity}), and the rules of the standard annotations
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on a hub class and its methods
 * ({@link dev.hubs.core.security.HubAuthorization}). Authentication itself is the container's: the transports hand
 * over what it established.
 */
package dev.hubs.core.security;
