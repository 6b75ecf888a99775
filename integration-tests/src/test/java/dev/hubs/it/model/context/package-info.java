/** {@code HubCallerContext}: connection id, user, transport, the connecting request, items, abort. */
package dev.hubs.it.model.context;
