/**
 * The benchmark WAR: {@link dev.hubs.bench.server.EchoHub} and {@link dev.hubs.bench.server.BroadcastHub}, the raw
 * Jakarta WebSocket endpoints that do the same work without a framework ({@link dev.hubs.bench.server.RawEchoEndpoint},
 * {@link dev.hubs.bench.server.RawBroadcastEndpoint}), and {@link dev.hubs.bench.server.StatsServlet}, through which
 * the load generator reads the server's CPU time and heap.
 */
package dev.hubs.bench.server;
