/**
 * The fallback transports of issue 4, proven against a real Open Liberty: Server-Sent Events and long polling over
 * raw HTTP, request by request, with SignalR's status codes and framing ({@link dev.hubs.it.fallback.LongPollingIT},
 * {@link dev.hubs.it.fallback.ServerSentEventsIT}, {@link dev.hubs.it.fallback.TransportErrorsIT}); negotiation with
 * and without the {@code hubs-servlet-fallback} jar and with per-hub restrictions; the poll and disconnect timeouts
 * ({@link dev.hubs.it.fallback.TimeoutsIT}); and the official clients over the fallbacks: Java over long polling,
 * JavaScript (Node) over Server-Sent Events and long polling. The fixture hubs of these tests live here too
 * ({@link dev.hubs.it.fallback.TransportHub} and friends; see FIXTURES.md, "Fallback").
 */
package dev.hubs.it.fallback;
