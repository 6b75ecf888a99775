/** {@code @Inject HubContext<H>} outside a hub: a Jakarta REST resource reaches the clients and groups of a hub. */
package dev.hubs.it.model.hubcontext;
