package dev.hubs.web;

import dev.hubs.core.HubRuntime;
import dev.hubs.core.negotiate.TransportType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/**
 * The fallback transports (Server-Sent Events, long polling, and HTTP POST for sending), served at the hub path
 * next to WebSockets. The {@code hubs-servlet-fallback} module provides the implementation, found with
 * {@link java.util.ServiceLoader}; without it a hub offers WebSockets only.
 */
public interface HttpFallback {

    /**
     * The transports this implementation serves.
     *
     * @return the transports
     */
    Set<TransportType> transports();

    /**
     * A GET to the hub path that is not a WebSocket upgrade: an event stream or a poll.
     *
     * @param request  the request
     * @param response the response
     * @param runtime  the hub
     * @throws IOException when the response cannot be written
     */
    void get(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime) throws IOException;

    /**
     * A POST to the hub path: records from the client.
     *
     * @param request  the request
     * @param response the response
     * @param runtime  the hub
     * @throws IOException when the request cannot be read or the response written
     */
    void post(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime) throws IOException;

    /**
     * A DELETE to the hub path: a long-polling client ends its connection.
     *
     * @param request  the request
     * @param response the response
     * @param runtime  the hub
     * @throws IOException when the response cannot be written
     */
    void delete(HttpServletRequest request, HttpServletResponse response, HubRuntime runtime) throws IOException;
}
