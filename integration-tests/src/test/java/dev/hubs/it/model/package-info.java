/**
 * The complete hub programming model (issue 3) through the official Java client and raw WebSockets, one package per
 * feature: targets, groups, users, typed clients, lifecycle, the caller's context, HubContext from a REST resource,
 * error texts, options, CDI fit, deployment validation, fan-out to slow clients. {@link dev.hubs.it.model.ModelClients}
 * holds what several of them share.
 */
package dev.hubs.it.model;
