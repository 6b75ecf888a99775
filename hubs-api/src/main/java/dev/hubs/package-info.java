/**
 * The programming model of Hubs: what a hub author writes against.
 *
 * <p>A hub is a CDI bean annotated with {@link dev.hubs.Hub}. Its public methods can be called by the official
 * SignalR clients (JavaScript, Java, .NET); through {@link dev.hubs.HubCallerClients} it calls methods on the
 * clients back. Code outside a hub reaches the clients of a hub through {@link dev.hubs.HubContext}, and learns what
 * the hub holds (connections, groups, running invocations, streams) through {@link dev.hubs.HubMonitor}.
 *
 * <pre>{@code
 * @Hub("/chat")
 * public class ChatHub {
 *     @Inject HubCallerClients<ClientProxy> clients;
 *
 *     public void send(String name, String message) {
 *         clients.all().send("addNewMessageToPage", name, message);
 *     }
 * }
 * }</pre>
 *
 * <p>Extension points (lifetime managers for scale-out and the like) live in {@link dev.hubs.spi}.
 */
package dev.hubs;
