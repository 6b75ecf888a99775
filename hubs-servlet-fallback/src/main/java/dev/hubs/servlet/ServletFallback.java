package dev.hubs.servlet;

import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.TransportChannel;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.web.CallerIdentities;
import dev.hubs.web.HttpFallback;
import dev.hubs.web.HubServlet;
import dev.hubs.web.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Server-Sent Events, long polling and HTTP POST, with the status codes of SignalR's transport protocol:
 * 400 without {@code id}, 404 for an unknown connection or a transport the hub does not offer, 409 for a second
 * event stream, 400 for a change of transport, 202 for DELETE. Concurrent POSTs of one connection are not refused:
 * they wait for each other (see {@link FallbackChannel}). Each request must come from the caller who made the
 * connection (401 or 403 otherwise, see {@link CallerIdentities#verify}).
 */
public final class ServletFallback implements HttpFallback {

    private static final int READ_CHUNK = 8192;

    @Override
    public Set<TransportType> transports() {
        return EnumSet.of(TransportType.SERVER_SENT_EVENTS, TransportType.LONG_POLLING);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime)
            throws IOException {
        boolean eventStream = accepts(request, "text/event-stream");
        TransportType type = eventStream ? TransportType.SERVER_SENT_EVENTS : TransportType.LONG_POLLING;
        if (!runtime.options().transports().contains(type)) {
            HubServlet.text(response, HttpServletResponse.SC_NOT_FOUND,
                    type.signalRName() + " transport not supported by this end point type");
            return;
        }
        if (!eventStream) {
            noCache(response);
        }
        HubConnectionContext connection = connection(request, response, runtime);
        if (connection == null) {
            return;
        }
        TransportChannel current = connection.transport();
        if (eventStream) {
            if (current != null) {
                refuseSecondTransport(response, current instanceof ServerSentEventsTransport);
                return;
            }
            ServerSentEventsTransport sse = new ServerSentEventsTransport(runtime, connection);
            sse.open(request, response);
            if (!runtime.attach(connection, sse, Requests.capture(request))) {
                sse.refuse();
                return;
            }
            sse.begin();
            return;
        }
        if (current == null) {
            LongPollingTransport polling = new LongPollingTransport(runtime.options().pollTimeout().toMillis());
            if (runtime.attach(connection, polling, Requests.capture(request))) {
                polling.firstPoll(response);
                return;
            }
            current = connection.transport();
        }
        if (current instanceof LongPollingTransport polling) {
            polling.poll(request, response);
        } else {
            refuseSecondTransport(response, false);
        }
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime)
            throws IOException {
        HubConnectionContext connection = connection(request, response, runtime);
        if (connection == null) {
            return;
        }
        TransportChannel current = connection.transport();
        if (!(current instanceof FallbackChannel channel)) {
            if (current == null) {
                HubServlet.text(response, HttpServletResponse.SC_BAD_REQUEST,
                        "Start the Server-Sent Events or long-polling transport before sending.");
            } else {
                HubServlet.text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                        "POST requests are not allowed for WebSocket connections.");
            }
            return;
        }
        channel.beginSend();
        try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
            // Answered before the records are processed: the SignalR server answers a POST once it has taken the
            // body, without waiting for the hub methods it calls. A client sends one POST at a time (the JavaScript
            // client), so an answer held back for a hub method holds back everything the client sends next, even the
            // Close message of its stop(), which the JavaScript client drops when a POST is still pending.
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain");
            response.setContentLength(0);
            response.flushBuffer();
            char[] buffer = new char[READ_CHUNK];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                if (read > 0) {
                    // Records may span chunks: the run-time assembles them and enforces the size limit.
                    runtime.receive(connection, new String(buffer, 0, read));
                }
            }
        } finally {
            channel.endSend();
        }
    }

    @Override
    public void delete(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime)
            throws IOException {
        HubConnectionContext connection = connection(request, response, runtime);
        if (connection == null) {
            return;
        }
        if (!(connection.transport() instanceof LongPollingTransport polling)) {
            HubServlet.text(response, HttpServletResponse.SC_BAD_REQUEST,
                    "Cannot terminate this connection using the DELETE endpoint.");
            return;
        }
        // The held poll is answered with 204, then the connection ends as when a WebSocket client closes; what was
        // waiting for the client is dropped.
        polling.deleted();
        connection.closeNow(null);
        runtime.transportClosed(connection, null);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        response.setContentType("text/plain");
    }

    private static HubConnectionContext connection(HttpServletRequest request, HttpServletResponse response,
                                                   HubRuntime runtime) throws IOException {
        String token = request.getParameter("id");
        if (token == null || token.isEmpty()) {
            HubServlet.text(response, HttpServletResponse.SC_BAD_REQUEST, "Connection ID required");
            return null;
        }
        HubConnectionContext connection = runtime.find(token);
        if (connection == null) {
            HubServlet.text(response, HttpServletResponse.SC_NOT_FOUND, "No Connection with that ID");
            return null;
        }
        // Every request is a new HTTP request: each must come from the caller who made the connection.
        return CallerIdentities.verify(request, response, connection, runtime) ? connection : null;
    }

    private static void refuseSecondTransport(HttpServletResponse response, boolean sameTransport)
            throws IOException {
        if (sameTransport) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.setContentType("text/plain");
        } else {
            HubServlet.text(response, HttpServletResponse.SC_BAD_REQUEST, "Cannot change transports mid-connection");
        }
    }

    private static boolean accepts(HttpServletRequest request, String mediaType) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(mediaType);
    }

    private static void noCache(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
