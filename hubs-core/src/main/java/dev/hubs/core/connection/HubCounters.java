package dev.hubs.core.connection;

import dev.hubs.HubStatistics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts behind {@link dev.hubs.HubMonitor}: one object per hub, shared by its connections. Each count is
 * changed where the thing it counts begins and ends (a connection, a hub method call, a stream, a client result),
 * never on the send path, with {@link LongAdder}s so that connections on many threads do not contend for one
 * counter.
 */
public final class HubCounters {

    /**
     * Counters nobody reads, for connections made outside a hub (tests, tools) that still need somewhere to count.
     */
    public static final HubCounters IGNORED = new HubCounters();

    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder invocations = new LongAdder();
    private final LongAdder outgoingStreams = new LongAdder();
    private final LongAdder uploads = new LongAdder();
    private final LongAdder clientResults = new LongAdder();

    /** A connection was made. */
    public void connectionOpened() {
        opened.increment();
    }

    /** A connection has completely ended: its life-cycle method and its lifetime manager's clean-up are done. */
    public void connectionClosed() {
        closed.increment();
    }

    /** A hub method call began. */
    public void invocationStarted() {
        invocations.increment();
    }

    /** A hub method call finished (for an asynchronous method: its stage completed). */
    public void invocationEnded() {
        invocations.decrement();
    }

    /**
     * A stream of results began or ended.
     *
     * @param delta +1 or -1
     */
    void outgoingStreams(int delta) {
        outgoingStreams.add(delta);
    }

    /**
     * An upload stream began or ended.
     *
     * @param delta +1 or -1
     */
    void uploads(int delta) {
        uploads.add(delta);
    }

    /**
     * A client result was sent or settled.
     *
     * @param delta +1 or -1
     */
    void clientResults(int delta) {
        clientResults.add(delta);
    }

    /**
     * How many connections exist and have not completely ended; cheap enough to read for every new connection.
     *
     * @return the open connections
     */
    public long openConnections() {
        return Math.max(0, opened.sum() - closed.sum());
    }

    /**
     * Reads the counts.
     *
     * @param registeredConnections what the lifetime manager says it holds, or -1
     * @param groupMemberships      the group memberships the lifetime manager holds, or -1
     * @return the snapshot
     */
    public HubStatistics snapshot(long registeredConnections, long groupMemberships) {
        // Closed before opened: a connection that ends between the two reads is then never counted as open twice,
        // and the open count never goes below zero.
        long closedSoFar = closed.sum();
        long openedSoFar = opened.sum();
        return new HubStatistics(openedSoFar - closedSoFar, openedSoFar, closedSoFar, registeredConnections,
                groupMemberships, invocations.sum(), outgoingStreams.sum(), uploads.sum(), clientResults.sum());
    }
}
