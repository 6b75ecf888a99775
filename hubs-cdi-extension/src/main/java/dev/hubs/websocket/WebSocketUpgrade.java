package dev.hubs.websocket;

import dev.hubs.cdi.CdiLog;
import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.CapturedRequest;
import dev.hubs.core.connection.HubConnectionContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;

/**
 * Upgrades a hub's HTTP request to a WebSocket bound to one connection, with
 * {@link ServerContainer#upgradeHttpToWebSocket} (Jakarta WebSocket 2.1). The endpoint configuration is made per
 * request, so the endpoint instance is created for exactly the connection the request named.
 */
public final class WebSocketUpgrade {

    private static final String CONTAINER_ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

    private final ServerContainer container;
    private final HubRuntime runtime;
    private final WebSocketWriters writers;

    /**
     * Prepares upgrades for a hub.
     *
     * @param context the servlet context, which holds the WebSocket container
     * @param runtime the hub
     * @param writers the threads that write to the application's WebSockets
     * @throws ServletException when the server offers no WebSocket container
     */
    public WebSocketUpgrade(ServletContext context, HubRuntime runtime, WebSocketWriters writers)
            throws ServletException {
        Object container = context.getAttribute(CONTAINER_ATTRIBUTE);
        if (!(container instanceof ServerContainer serverContainer)) {
            throw new ServletException("The server offers no Jakarta WebSocket container; enable the websocket-2.1 "
                    + "feature (Open Liberty) or its equivalent");
        }
        this.container = serverContainer;
        this.runtime = runtime;
        this.writers = writers;
    }

    /**
     * Upgrades the request.
     *
     * @param request    the WebSocket request
     * @param response   its response
     * @param connection the connection it opens
     * @param opening    the request, captured for the hub's {@code HubCallerContext}
     * @throws IOException      when the response cannot be written
     * @throws ServletException when the upgrade fails
     */
    public void upgrade(HttpServletRequest request, HttpServletResponse response, HubConnectionContext connection,
                        CapturedRequest opening) throws IOException, ServletException {
        ServerEndpointConfig config = ServerEndpointConfig.Builder
                .create(WebSocketTransport.class, runtime.path())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        Endpoint endpoint = new WebSocketTransport(runtime, connection, opening, writers);
                        return endpointClass.cast(endpoint);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            CdiLog.upgradeFailed(runtime.path(), e);
            throw new ServletException("WebSocket upgrade failed", e);
        }
    }
}
