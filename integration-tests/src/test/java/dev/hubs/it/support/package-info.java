/**
 * What every integration test needs: the Hubs jars for a test WAR ({@link dev.hubs.it.support.HubsLibraries}), the WAR
 * itself, with MicroProfile Config properties when a test needs options ({@link dev.hubs.it.support.Deployments}),
 * connections of the official Java client that are closed after each test ({@link dev.hubs.it.support.JavaClients})
 * and bounded invocations through them ({@link dev.hubs.it.support.Calls}), a raw SignalR client over java.net.http
 * ({@link dev.hubs.it.support.RawHub}, {@link dev.hubs.it.support.RawConnection}), the server's messages.log from a
 * mark on ({@link dev.hubs.it.support.ServerLog}), and the official JavaScript client run by Node on the scenario
 * scripts of {@code src/test/node} ({@link dev.hubs.it.support.NodeClient}, whose {@link dev.hubs.it.support.NodeRun}
 * gives each scenario's report as a {@link dev.hubs.it.support.JsScenario}). Tests run once per transport of their
 * client with {@link dev.hubs.it.support.OverEveryTransport} ({@link dev.hubs.it.support.NodeClient.Transport},
 * {@link dev.hubs.it.support.JavaTransport}), their failures named after the transport
 * ({@link dev.hubs.it.support.TransportInFailures}).
 */
package dev.hubs.it.support;
