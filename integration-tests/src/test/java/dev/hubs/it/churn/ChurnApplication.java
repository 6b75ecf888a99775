package dev.hubs.it.churn;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the resources of the churn and fault tests under {@code /api}. */
@ApplicationPath("/api")
public class ChurnApplication extends Application {
}
