package dev.hubs.core.negotiate;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.protocol.JsonText;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Answers {@code POST <hub>/negotiate}.
 *
 * <p>The client names the negotiate version it wants in the {@code negotiateVersion} query parameter (none means
 * 0). The server answers with the version it will use: the requested one, or 1 when more was asked. Version 1 adds
 * the secret {@code connectionToken} that transports use, distinct from the public {@code connectionId}; in
 * version 0 the id itself is what transports send. Errors are answered with status 200 and an {@code error}
 * property, as the official clients expect.
 *
 * <p>A hub that holds its {@code maximum-connections} answers 503 (Service Unavailable) instead, with the same
 * {@code error} body: an overload is not the client's mistake, and proxies, load balancers and monitoring tell it by
 * its status. The official clients fail {@code start()} with an error that carries the status (and, for the
 * JavaScript client, the body).
 */
public final class Negotiation {

    /** The status of a negotiation refused because the hub holds its maximum number of connections. */
    public static final int SERVICE_UNAVAILABLE = 503;

    /** The error text of a negotiation refused because the hub holds its maximum number of connections. */
    public static final String HUB_FULL = "The hub has reached its maximum number of connections. Try again later.";

    /** The highest negotiate version this server speaks. */
    public static final int MAX_VERSION = 1;

    private Negotiation() {
    }

    /**
     * A negotiate response.
     *
     * @param status     the HTTP status
     * @param body       the JSON body
     * @param connection the connection created, or {@code null} when negotiation failed
     */
    public record Response(int status, String body, HubConnectionContext connection) {
    }

    /**
     * Negotiates.
     *
     * @param requestedVersion the {@code negotiateVersion} query parameter, or {@code null}
     * @param transports       the transports this hub offers
     * @param connections      creates and registers a connection for the agreed version; {@code null} when the hub
     *                         holds its maximum number of connections
     * @return the response
     */
    public static Response negotiate(String requestedVersion, List<AvailableTransport> transports,
                                     IntFunction<HubConnectionContext> connections) {
        int version;
        if (requestedVersion == null) {
            version = 0;
        } else {
            try {
                version = Integer.parseInt(requestedVersion);
            } catch (NumberFormatException e) {
                return error("The client requested a non-integer protocol version.");
            }
            if (version < 0) {
                return error("The client requested version '" + requestedVersion
                        + "', but the server does not support this version.");
            }
            version = Math.min(version, MAX_VERSION);
        }
        HubConnectionContext connection = connections.apply(version);
        if (connection == null) {
            return new Response(SERVICE_UNAVAILABLE, "{\"error\":" + JsonText.quote(HUB_FULL) + "}", null);
        }
        StringBuilder body = new StringBuilder(256);
        body.append("{\"negotiateVersion\":").append(version).append(",\"connectionId\":");
        JsonText.appendString(body, connection.connectionId());
        if (version >= 1) {
            body.append(",\"connectionToken\":");
            JsonText.appendString(body, connection.connectionToken());
        }
        body.append(",\"availableTransports\":[");
        for (int i = 0; i < transports.size(); i++) {
            AvailableTransport transport = transports.get(i);
            body.append(i == 0 ? "" : ",").append("{\"transport\":");
            JsonText.appendString(body, transport.name());
            body.append(",\"transferFormats\":[");
            for (int j = 0; j < transport.transferFormats().size(); j++) {
                body.append(j == 0 ? "" : ",");
                JsonText.appendString(body, transport.transferFormats().get(j));
            }
            body.append("]}");
        }
        body.append("]}");
        return new Response(200, body.toString(), connection);
    }

    private static Response error(String message) {
        return new Response(200, "{\"error\":" + JsonText.quote(message) + "}", null);
    }
}
