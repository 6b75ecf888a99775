package dev.hubs.bench.server;

import dev.hubs.ClientProxy;
import dev.hubs.Hub;
import dev.hubs.HubCallerClients;
import jakarta.inject.Inject;

/**
 * The broadcast of the benchmarks: one sender, every other connection receives.
 *
 * <p>Same work as {@link RawBroadcastEndpoint} and as the Socket.IO server's {@code socket.broadcast.emit}.
 */
@Hub("/hubs/broadcast")
public class BroadcastHub {

    @Inject
    HubCallerClients<ClientProxy> clients;

    /**
     * Sends the text to every connection of the hub but the caller's, as client method {@code receive}.
     *
     * @param message any text
     */
    public void broadcast(String message) {
        clients.others().send("receive", message);
    }
}
