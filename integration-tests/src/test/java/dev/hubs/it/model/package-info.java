/**
 * The complete hub programming model (issue 3) through the official Java client and raw WebSockets, one package per
 * feature: targets, groups, users, typed clients, lifecycle, the caller's context, HubContext from a REST resource,
 * error texts, options, CDI fit, deployment validation, fan-out to slow clients. {@link dev.hubs.it.model.ModelClients}
 * holds what several of them share.
 *
 * <p>The tests of the Java client run over each of its transports, WebSockets and long polling
 * ({@link dev.hubs.it.support.OverEveryTransport}; it has no Server-Sent Events). The raw tests check WebSocket
 * frames byte for byte and stay on WebSockets; the bytes of the fallback transports are checked in
 * {@code dev.hubs.it.fallback}.
 */
package dev.hubs.it.model;
