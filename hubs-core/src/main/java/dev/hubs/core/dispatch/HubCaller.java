package dev.hubs.core.dispatch;

import dev.hubs.ClientProxy;
import dev.hubs.GroupManager;
import dev.hubs.HubCallerClients;
import dev.hubs.HubCallerContext;

/**
 * Who made an invocation, as hub code sees it: the objects injected into the hub instance created for it.
 *
 * @param context the caller's context
 * @param clients the clients, seen from the caller
 * @param groups  the hub's groups
 */
public record HubCaller(HubCallerContext context, HubCallerClients<ClientProxy> clients, GroupManager groups) {
}
