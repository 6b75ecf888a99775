package dev.hubs.web;

import dev.hubs.cdi.CdiLog;
import dev.hubs.cdi.HubsExtension;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.ConnectionState;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.negotiate.AvailableTransport;
import dev.hubs.core.negotiate.Negotiation;
import dev.hubs.core.negotiate.TransportType;
import dev.hubs.core.security.ConnectionIdentity;
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
 * already has its transport. A hub that holds its {@code maximum-connections} answers a negotiation, and a WebSocket
 * request that skips it, with 503; requests for existing connections are not affected.
 *
 * <p>Every request is first checked against the hub's allowed origins ({@link OriginPolicy}). A request that makes a
 * connection must satisfy the hub's class-level access rule (401 or 403, {@link CallerIdentities#establish}); a
 * request for an existing connection must come from the caller who made it ({@link CallerIdentities#verify}).
 */
public class HubServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String path;
    private transient HubRuntime runtime;
    private transient WebSocketUpgrade upgrade;
    private transient HttpFallback fallback;
    private transient List<AvailableTransport> transports;
    private transient OriginPolicy origins;

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
        origins = new OriginPolicy(runtime.options().allowedOrigins());
    }

    /**
     * Checks the {@code Origin} of every request before anything else (see {@link OriginPolicy}), answers CORS
     * preflights of allowed origins, and adds the CORS headers to their responses.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        OriginPolicy.Verdict verdict = origins.check(request);
        if (verdict == OriginPolicy.Verdict.REFUSED) {
            CdiLog.originRefused(path, request.getHeader("Origin"));
            text(response, HttpServletResponse.SC_FORBIDDEN, "Requests from this origin are not allowed.");
            return;
        }
        if (verdict == OriginPolicy.Verdict.ALLOWED_CROSS_ORIGIN) {
            if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                origins.preflight(request, response);
                return;
            }
            origins.addCorsHeaders(request, response);
        }
        super.service(request, response);
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
            // Skipping negotiation: this request makes the connection, so it must satisfy the hub's rule.
            ConnectionIdentity identity = CallerIdentities.establish(request, response, runtime);
            if (identity == null) {
                return;
            }
            connection = runtime.open(identity);
            if (connection == null) {
                refuseFull(response);
                return;
            }
        } else {
            connection = runtime.find(token);
            if (connection == null) {
                text(response, HttpServletResponse.SC_NOT_FOUND, "No Connection with that ID");
                return;
            }
            if (!CallerIdentities.verify(request, response, connection, runtime)) {
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
        ConnectionIdentity identity = CallerIdentities.establish(request, response, runtime);
        if (identity == null) {
            return;
        }
        Negotiation.Response answer = runtime.negotiate(request.getParameter("negotiateVersion"), transports,
                identity);
        if (answer.status() == Negotiation.SERVICE_UNAVAILABLE) {
            logRefusals();
        }
        response.setStatus(answer.status());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // The token is a secret: keep the response out of every cache.
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.getWriter().write(answer.body());
    }

    /**
     * Refuses a WebSocket that skips negotiation because the hub holds its maximum: 503 with the reason as text, and
     * no upgrade, so the WebSocket client sees the status.
     */
    private void refuseFull(HttpServletResponse response) throws IOException {
        logRefusals();
        text(response, Negotiation.SERVICE_UNAVAILABLE, Negotiation.HUB_FULL);
    }

    private void logRefusals() {
        long refused = runtime.connectionLimit().refusalsToLog(System.nanoTime());
        if (refused > 0) {
            CdiLog.connectionLimitReached(path, refused, runtime.connectionLimit().maximum());
        }
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
