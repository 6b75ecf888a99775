package dev.hubs.it.churn;

import dev.hubs.HubStatistics;

/**
 * What {@link ChurnResource} answers: the hub's own counts, the life-cycle tally of the fixture, and the heap.
 *
 * @param hub                what {@code HubMonitor.statistics()} says
 * @param connected          how often {@code @OnConnected} ran
 * @param disconnected       how often {@code @OnDisconnected} ran
 * @param disconnectFailures how often {@code @OnDisconnected} threw
 * @param heapUsed           bytes of heap in use (after garbage collection when asked), or -1 when not measured
 */
public record ChurnReport(HubStatistics hub, long connected, long disconnected, long disconnectFailures,
                          long heapUsed) {
}
