/** Typed clients: a client interface injected as {@code HubCallerClients<ModelClient>}, with a {@code @ClientMethod} rename. */
package dev.hubs.it.model.typed;
