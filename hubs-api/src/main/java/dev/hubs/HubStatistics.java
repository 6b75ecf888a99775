package dev.hubs;

/**
 * What one hub holds on this server at one moment: a snapshot taken by {@link HubMonitor#statistics()}.
 *
 * <p>Each count is read on its own, without stopping the hub, so a snapshot taken while connections come and go may
 * be a little off between counts (a connection counted as open whose invocation is not counted yet); on a quiet hub
 * it is exact. When every client has gone and every hub method has returned, a hub that leaks nothing is back to
 * {@link #idle() idle}: no connection, no group membership, no invocation, stream or client result left.
 *
 * @param connections          connections that exist and have not completely ended: negotiated, opening,
 *                             connected, or ended with their {@code @OnDisconnected} method (or the lifetime
 *                             manager's clean-up) still running
 * @param connectionsOpened    connections made (negotiated, or opened without negotiation) since the hub started
 * @param connectionsClosed    connections that have completely ended since the hub started; {@code connections} is
 *                             {@code connectionsOpened - connectionsClosed}
 * @param registeredConnections connections the hub's lifetime manager holds for this server (those messages can
 *                             reach), or -1 when the lifetime manager does not tell
 * @param groupMemberships     memberships of this server's connections in groups (a connection in three groups
 *                             counts three), or -1 when the lifetime manager does not tell
 * @param runningInvocations   hub method calls begun and not finished, {@code @OnConnected} and
 *                             {@code @OnDisconnected} included; a method returning a {@code CompletionStage} counts
 *                             until the stage completes. Invocations waiting for their connection's turn are not
 *                             counted
 * @param outgoingStreams      streams of results being sent to clients (methods returning a
 *                             {@code Flow.Publisher})
 * @param uploadStreams        streams clients are uploading to hub methods
 * @param pendingClientResults client results ({@code ClientProxy.invoke}) sent and not answered yet
 */
public record HubStatistics(long connections, long connectionsOpened, long connectionsClosed,
                            long registeredConnections, long groupMemberships, long runningInvocations,
                            long outgoingStreams, long uploadStreams, long pendingClientResults) {

    /**
     * Whether the hub holds nothing: no connection, none registered, no group membership, no running invocation,
     * no stream and no client result. Counts a lifetime manager does not tell (-1) do not prevent it.
     *
     * @return whether every current count is zero
     */
    public boolean idle() {
        return connections == 0 && registeredConnections <= 0 && groupMemberships <= 0 && runningInvocations == 0
                && outgoingStreams == 0 && uploadStreams == 0 && pendingClientResults == 0;
    }
}
