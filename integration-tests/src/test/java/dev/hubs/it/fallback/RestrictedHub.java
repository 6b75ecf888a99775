package dev.hubs.it.fallback;

import dev.hubs.Hub;
import dev.hubs.HubCallerContext;
import jakarta.inject.Inject;

/**
 * A hub whose transports are restricted by configuration: the tests deploy it with
 * {@code hubs.RestrictedHub.transports=WebSockets,LongPolling} ({@link #CONFIG}).
 */
@Hub("/restricted")
public class RestrictedHub {

    /** The MicroProfile Config line that restricts it. */
    public static final String CONFIG = "hubs.RestrictedHub.transports=WebSockets,LongPolling";

    @Inject
    HubCallerContext context;

    public String transport() {
        return context.transport();
    }
}
