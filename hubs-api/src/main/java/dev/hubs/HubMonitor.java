package dev.hubs;

/**
 * Tells what a hub holds on this server, for operators (a health check, a metrics gauge, an administration page)
 * and for tests that must prove nothing leaks. Inject it with the hub class as type argument:
 *
 * <pre>{@code
 * @Inject HubMonitor<ChatHub> chat;
 *
 * @GET @Path("chat-stats")
 * public HubStatistics chatStatistics() {
 *     return chat.statistics();      // {"connections":12,"groupMemberships":30,"runningInvocations":1,...}
 * }
 * }</pre>
 *
 * <p>Taking a snapshot costs a few counter reads and a walk over the lifetime manager's groups; the counts are
 * kept as the hub works, at no cost to sending. With a backplane ({@code hubs-redis}) the counts are this
 * server's.
 *
 * @param <H> the hub class
 */
public interface HubMonitor<H> {

    /**
     * The hub's path.
     *
     * @return the path relative to the context root, for example {@code /chat}
     */
    String path();

    /**
     * What the hub holds now.
     *
     * @return a snapshot of the hub's counts
     */
    HubStatistics statistics();
}
