package dev.hubs.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * One hub seen through the JDK's HTTP client, without any SignalR library: negotiate requests and WebSockets whose
 * bytes the test writes itself.
 */
public final class RawHub {

    /** The handshake of the JSON protocol, as the official clients send it, record separator included. */
    public static final String JSON_HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RawConnection.RS;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Await.TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URI hub;

    /**
     * @param base the application's URL as Arquillian gives it (ends with {@code /})
     * @param hub  the hub path relative to the context root, without a leading {@code /}
     */
    public RawHub(URL base, String hub) {
        this.hub = URI.create(base.toString()).resolve(hub);
    }

    /**
     * POSTs an empty body to the hub's negotiate endpoint.
     *
     * @param query the query string without {@code ?}, for example {@code negotiateVersion=1}; empty for none
     * @return the response
     */
    public HttpResponse<String> negotiate(String query) {
        return send(HttpRequest.newBuilder(negotiateUri(query)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * Sends any request to the negotiate endpoint.
     *
     * @param query   the query string without {@code ?}; empty for none
     * @param request the request method and body
     * @return the response
     */
    public HttpResponse<String> negotiate(String query, UnaryOperator<HttpRequest.Builder> request) {
        return send(request.apply(HttpRequest.newBuilder(negotiateUri(query))));
    }

    /**
     * Negotiates with version 1 and returns the answer, failing the test unless it is a 200.
     *
     * @return the negotiate response body
     */
    public JsonObject negotiateV1() {
        HttpResponse<String> response = negotiate("negotiateVersion=1");
        if (response.statusCode() != 200) {
            throw new AssertionError("negotiate?negotiateVersion=1 answered " + response.statusCode() + ": "
                    + response.body());
        }
        return parse(response.body());
    }

    /**
     * The WebSocket address of the hub.
     *
     * @param id the connection token (the {@code id} query parameter), or {@code null} to connect without negotiating
     * @return the ws:// address
     */
    public URI webSocketUri(String id) {
        String http = hub.toString();
        String ws = "ws" + http.substring("http".length());
        return URI.create(id == null ? ws : ws + "?id=" + id);
    }

    /**
     * Opens a WebSocket to the hub; the handshake of the hub protocol is left to the test.
     *
     * @param id the connection token, or {@code null} for none
     * @return a future of the open connection, completing exceptionally with a
     *         {@link java.net.http.WebSocketHandshakeException} when the server refuses the upgrade
     */
    public CompletableFuture<RawConnection> openAsync(String id) {
        return openAsync(webSocketUri(id), UnaryOperator.identity());
    }

    /**
     * Opens a WebSocket to any address of the hub, with headers of the test's choice (an {@code Origin}, an
     * {@code Authorization}).
     *
     * @param uri       the ws:// address, query included
     * @param configure adds headers to the upgrade request
     * @return a future of the open connection, completing exceptionally with a
     *         {@link java.net.http.WebSocketHandshakeException} when the server refuses the upgrade
     */
    public CompletableFuture<RawConnection> openAsync(URI uri, UnaryOperator<java.net.http.WebSocket.Builder> configure) {
        RawConnection.Listener listener = new RawConnection.Listener();
        return configure.apply(HTTP.newWebSocketBuilder().connectTimeout(Await.TIMEOUT))
                .buildAsync(uri, listener)
                .thenApply(webSocket -> new RawConnection(webSocket, listener));
    }

    /**
     * Opens a WebSocket to the hub, failing the test when that is refused.
     *
     * @param id the connection token, or {@code null} for none
     * @return the open connection; the hub protocol's handshake is not done yet
     */
    public RawConnection open(String id) {
        try {
            return openAsync(id).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("The WebSocket to " + webSocketUri(id) + " did not open", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("The WebSocket to " + webSocketUri(id) + " did not open within " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Negotiates (version 1), opens the WebSocket with the token and completes the JSON handshake.
     *
     * @return a connection ready for hub messages
     */
    public RawConnection connect() {
        JsonObject negotiation = negotiateV1();
        RawConnection connection = open(negotiation.getString("connectionToken"));
        connection.send(JSON_HANDSHAKE);
        String reply = connection.nextRecord();
        if (!"{}".equals(reply)) {
            connection.close();
            throw new AssertionError("Handshake answered " + reply + " instead of {}");
        }
        return connection;
    }

    /**
     * Parses one JSON object.
     *
     * @param json the text
     * @return the object
     */
    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Not a JSON object: " + json, e);
        }
    }

    /**
     * Parses any JSON value.
     *
     * @param json the text
     * @return the value
     */
    public static JsonValue parseValue(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    private URI negotiateUri(String query) {
        String uri = hub + "/negotiate";
        return URI.create(query == null || query.isEmpty() ? uri : uri + "?" + query);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
