package dev.hubs.sample;

/**
 * What the hub's {@code whoAmI} tells a page about its own connection.
 *
 * @param name      the name it chats under: the account's when signed in, else the chosen one, else empty (not
 *                  joined yet)
 * @param signedIn  whether the connection belongs to a signed-in user (who joins as soon as it connects)
 * @param transport the transport the server sees the connection on: {@code WebSockets}, {@code ServerSentEvents}
 *                  or {@code LongPolling}
 */
public record Caller(String name, boolean signedIn, String transport) {
}
