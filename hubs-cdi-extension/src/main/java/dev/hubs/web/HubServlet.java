package dev.hubs.web;

import dev.hubs.cdi.HubsExtension;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.websocket.WebSocketUpgrade;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The HTTP face of one hub: {@code POST <path>/negotiate} answers the negotiation, and a WebSocket request to
 * {@code <path>} (with the connection token in {@code id}, or without it when the client skips negotiation) is
 * upgraded after the checks of SignalR's transport protocol: 404 for an unknown token, 409 for a connection that
 * already has its transport.
 */
public class HubServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String path;
    private transient HubRuntime runtime;
    private transient WebSocketUpgrade upgrade;
    private transient HttpFallback fallback;
    private transient List<AvailableTransport> transports;

    /**
     * Creates the servlet of a hub.
     *
     * @param path the hub path
     */
    public HubServlet(String path) {
        this.path = path;
    }

    @Override
    public void init() throws ServletException {
        HubsExtension extension = CDI.current().getBeanManager().getExtension(HubsExtension.class);
        runtime = extension.registry().byPath(path);
        if (runtime == null) {
            throw new ServletException("No hub is started at " + path + "; is the hub class a CDI bean?");
        }
        upgrade = new WebSocketUpgrade(getServletContext(), runtime,
                extension.registry().webSocketWriters());
        fallback = ServiceLoader.load(HttpFallback.class, HubServlet.class.getClassLoader()).findFirst()
                .orElse(null);
        Set<TransportType> enabled = runtime.options().transports();
        List<AvailableTransport> offered = new ArrayList<>();
        for (TransportType type : TransportType.values()) {
            boolean served = type == TransportType.WEB_SOCKETS || (fallback != null && fallback.transports().contains(type));
            if (served && enabled.contains(type)) {
                offered.add(type.available());
            }
        }
        transports = List.copyOf(offered);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isNegotiate(request)) {
            negotiate(request, response);
        } else if (fallback != null) {
            fallback.post(request, response, runtime);
        } else {
            // Sending by POST belongs to the fallback transports, which this server does not offer.
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "This hub accepts WebSocket connections only.");
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isNegotiate(request) && fallback != null) {
            fallback.delete(request, response, runtime);
        } else {
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "DELETE ends long-polling connections only.");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (isNegotiate(request)) {
            response.setHeader("Allow", "POST");
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Negotiate with POST.");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            if (fallback != null) {
                fallback.get(request, response, runtime);
            } else {
                text(response, HttpServletResponse.SC_BAD_REQUEST, "This hub accepts WebSocket connections only.");
            }
            return;
        }
        if (!runtime.options().transports().contains(TransportType.WEB_SOCKETS)) {
            text(response, HttpServletResponse.SC_NOT_FOUND, "WebSockets transport not supported by this end point type");
            return;
        }
        String token = request.getParameter("id");
        HubConnectionContext connection;
        if (token == null) {
            connection = runtime.open(request.getUserPrincipal());
        } else {
            connection = runtime.find(token);
            if (connection == null) {
                text(response, HttpServletResponse.SC_NOT_FOUND, "No Connection with that ID");
                return;
            }
            if (connection.state() != ConnectionState.NEGOTIATED) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                return;
            }
        }
        upgrade.upgrade(request, response, connection, Requests.capture(request));
    }

    private boolean isNegotiate(HttpServletRequest request) {
        return request.getServletPath().endsWith("/negotiate");
    }

    private void negotiate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Negotiation.Response answer = runtime.negotiate(request.getParameter("negotiateVersion"), transports,
                request.getUserPrincipal());
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The token is a secret: keep the response out of every cache.
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.getWriter().write(answer.body());
    }

    /**
     * Writes a short plain-text answer, as the SignalR server does for transport errors.
     *
     * @param response the response
     * @param status   the status
     * @param message  the text
     * @throws IOException when it cannot be written
     */
    public static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(message);
    }
}
