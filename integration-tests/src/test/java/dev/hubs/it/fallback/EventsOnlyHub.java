package dev.hubs.it.fallback;

import dev.hubs.Hub;
import dev.hubs.HubCallerContext;
import jakarta.inject.Inject;

/**
 * A hub that offers Server-Sent Events only ({@link #CONFIG}): neither WebSockets nor long polling.
 */
@Hub("/events-only")
public class EventsOnlyHub {

    /** The MicroProfile Config line that restricts it. */
    public static final String CONFIG = "hubs.EventsOnlyHub.transports=ServerSentEvents";

    @Inject
    HubCallerContext context;

    public String transport() {
        return context.transport();
    }
}
