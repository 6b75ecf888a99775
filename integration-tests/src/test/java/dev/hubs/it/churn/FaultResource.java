package dev.hubs.it.churn;

import dev.hubs.HubMonitor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What {@link FaultsIT} reads: {@code GET /api/faults/stats} (the counts of {@link FaultHub} and the life-cycle
 * tally) and {@code POST /api/faults/release} (lets blocked methods go).
 */
@Path("/faults")
@RequestScoped
public class FaultResource {

    @Inject
    HubMonitor<FaultHub> monitor;

    @Inject
    ChurnTally tally;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    public ChurnReport stats() {
        return new ChurnReport(monitor.statistics(), tally.connectedCount(), tally.disconnectedCount(),
                tally.disconnectFailureCount(), -1);
    }

    @POST
    @Path("release")
    public void release() {
        tally.release();
    }
}
