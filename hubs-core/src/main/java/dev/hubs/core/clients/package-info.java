/**
 * The objects hub code calls clients through: targets over a {@link dev.hubs.spi.HubLifetimeManager}, and the
 * caller's context.
 */
package dev.hubs.core.clients;
