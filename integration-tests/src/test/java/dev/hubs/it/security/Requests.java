package dev.hubs.it.security;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Raw HTTP and WebSocket requests to one hub, as an attacker (or a browser) would send them: each with or without a
 * bearer token, an {@code access_token} query parameter, an {@code Origin}.
 */
final class Requests {

    /** What a WebSocket attempt gave: an open connection, or the status of the refused upgrade. */
    record Upgrade(RawConnection connection, int status) {
        boolean opened() {
            return connection != null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Await.TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final URL base;
    private final String hub;
    private final RawHub raw;

    Requests(URL base, String hub) {
        this.base = base;
        this.hub = hub;
        this.raw = new RawHub(base, hub);
    }

    /** The origin of the server, as a page served by it would send it. */
    String ownOrigin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    URI uri(String suffix) {
        return URI.create(base + hub + suffix);
    }

    static String query(String id, String accessToken) {
        StringBuilder query = new StringBuilder();
        if (id != null) {
            query.append("id=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        if (accessToken != null) {
            query.append(query.length() > 0 ? "&" : "").append("access_token=").append(accessToken);
        }
        return query.length() == 0 ? "" : "?" + query;
    }

    HttpResponse<String> negotiate(String bearer, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/negotiate?negotiateVersion=1"))
                .POST(HttpRequest.BodyPublishers.noBody());
        return send(headers(request, bearer, origin));
    }

    HttpResponse<String> preflight(String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/negotiate?negotiateVersion=1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,x-requested-with,x-signalr-user-agent");
        return send(request);
    }

    /** A long poll from a page of some origin. */
    HttpResponse<String> pollFrom(String id, String origin) {
        return send(headers(HttpRequest.newBuilder(uri(query(id, null))).GET(), null, origin));
    }

    /** A long poll (or the first GET that starts long polling). */
    HttpResponse<String> poll(String id, String bearer) {
        return send(headers(HttpRequest.newBuilder(uri(query(id, null))).GET(), bearer, null));
    }

    HttpResponse<String> post(String id, String bearer, String body) {
        return send(headers(HttpRequest.newBuilder(uri(query(id, null)))
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer, null));
    }

    HttpResponse<String> delete(String id, String bearer) {
        return send(headers(HttpRequest.newBuilder(uri(query(id, null))).DELETE(), bearer, null));
    }

    /**
     * Opens an event stream and reports only its status (and its content type): the stream itself is closed at once.
     */
    HttpResponse<InputStream> eventStream(String id, String bearer, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(query(id, accessToken)))
                .header("Accept", "text/event-stream").GET();
        try {
            HttpResponse<InputStream> response = HTTP.send(headers(request, bearer, null).timeout(Await.TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A WebSocket request to the hub, with a query of the test's choice. */
    Upgrade webSocket(String query, String bearer, String origin) {
        URI uri = URI.create(raw.webSocketUri(null) + query);
        UnaryOperator<WebSocket.Builder> configure = builder -> {
            if (bearer != null) {
                builder.header("Authorization", "Bearer " + bearer);
            }
            if (origin != null) {
                builder.header("Origin", origin);
            }
            return builder;
        };
        try {
            return new Upgrade(raw.openAsync(uri, configure).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), 0);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Upgrade(null, refused.getResponse().statusCode());
            }
            throw new AssertionError("The WebSocket request to " + uri + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("No answer to the WebSocket request within " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.Builder headers(HttpRequest.Builder request, String bearer, String origin) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
