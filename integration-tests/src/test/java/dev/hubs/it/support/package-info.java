/**
 * What every integration test needs: the Hubs jars for a test WAR ({@link dev.hubs.it.support.HubsLibraries}), the WAR
 * itself ({@link dev.hubs.it.support.Deployments}), connections of the official Java client that are closed after each
 * test ({@link dev.hubs.it.support.JavaClients}) and a raw SignalR client over java.net.http
 * ({@link dev.hubs.it.support.RawHub}, {@link dev.hubs.it.support.RawConnection}).
 */
package dev.hubs.it.support;
