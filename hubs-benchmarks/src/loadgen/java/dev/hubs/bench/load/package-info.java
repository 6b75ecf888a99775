/**
 * The load generator: {@link dev.hubs.bench.load.LoadGenerator} runs scenarios (echo, broadcast, idle, over
 * WebSockets and long polling) against the raw WebSocket endpoints and the hubs of the benchmark WAR and against
 * the Socket.IO server, through one {@link dev.hubs.bench.load.WireSession} per client and protocol. WebSockets
 * use the small client of {@code dev.hubs.bench.load.ws}; HTTP uses {@code java.net.http}.
 */
package dev.hubs.bench.load;
