package dev.hubs.it.churn;

import dev.hubs.HubMonitor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What {@link ChurnIT} reads between its rounds, through the public {@code HubMonitor} rather than any internals.
 *
 * <pre>
 * GET  /api/churn/stats          the hub's counts and the life-cycle tally
 * GET  /api/churn/stats?gc=true  the same, with the heap in use after garbage collection
 * POST /api/churn/release        completes every held invocation, lets every blocked one go
 * </pre>
 */
@Path("/churn")
@RequestScoped
public class ChurnResource {

    /** Garbage collections at most before the heap is taken as it is. */
    private static final int MAX_COLLECTIONS = 10;
    /** Two collections in a row that differ by less than this: the heap has settled. */
    private static final long SETTLED_BYTES = 512 * 1024;

    @Inject
    HubMonitor<ChurnHub> monitor;

    @Inject
    ChurnTally tally;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public ChurnReport stats(@QueryParam("gc") boolean gc) {
        long heap = gc ? settledHeap() : -1;
        return new ChurnReport(monitor.statistics(), tally.connectedCount(), tally.disconnectedCount(),
                tally.disconnectFailureCount(), heap);
    }

    @POST
    @Path("release")
    public void release() {
        tally.release();
    }

    /** Collects until two collections in a row leave about the same heap in use. */
    static long settledHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < SETTLED_BYTES) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
