/**
 * The in-memory {@link dev.hubs.spi.HubLifetimeManager}: connections, groups and users of one hub on one server.
 */
package dev.hubs.core.lifetime;
