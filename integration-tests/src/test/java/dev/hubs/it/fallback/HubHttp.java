package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawHub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP requests of SignalR's fallback transports, sent to one hub by the JDK's client with nothing of SignalR in
 * between: GET (a poll, or an event stream with {@code Accept: text/event-stream}), POST (records from the client)
 * and DELETE (the end of a long-polling connection), each with the connection token in {@code id}.
 */
final class HubHttp {

    /** HTTP/1.1 as the official clients use it; each request that is in flight at once gets its own connection. */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    private final URI hub;
    private final RawHub negotiation;

    /**
     * @param base the application's URL as Arquillian gives it
     * @param hub  the hub path relative to the context root, without a leading {@code /}
     */
    HubHttp(URL base, String hub) {
        this.hub = URI.create(base.toString()).resolve(hub);
        this.negotiation = new RawHub(base, hub);
    }

    /** Negotiates (version 1) and returns the connection token. */
    String negotiateToken() {
        return negotiation.negotiateV1().getString("connectionToken");
    }

    /** The negotiation of this hub, through the raw client of the support package. */
    RawHub raw() {
        return negotiation;
    }

    /** The hub's URI with a query string ({@code null} or empty for none). */
    URI uri(String query) {
        return query == null || query.isEmpty() ? hub : URI.create(hub + "?" + query);
    }

    /** A GET as a long poll sends it (no {@code Accept: text/event-stream}). */
    HttpResponse<String> get(String query) {
        return await(getAsync(query, Await.TIMEOUT), "GET " + uri(query));
    }

    /** A GET that may be held by the server; the JDK gives up after {@code timeout}. */
    CompletableFuture<HttpResponse<String>> getAsync(String query, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri(query)).timeout(timeout).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET for an event stream; the body is read as it arrives. */
    HttpResponse<InputStream> getEventStream(String query) {
        HttpRequest request = HttpRequest.newBuilder(uri(query))
                .header("Accept", "text/event-stream")
                .GET().build();
        try {
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("GET " + uri(query) + " (event stream) got no response headers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A GET for an event stream that the server must refuse: its whole (short) answer. */
    HttpResponse<String> getEventStreamRefused(String query) {
        HttpRequest request = HttpRequest.newBuilder(uri(query)).timeout(Await.TIMEOUT)
                .header("Accept", "text/event-stream")
                .GET().build();
        return await(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()), "GET " + uri(query));
    }

    /** A POST of records (text, UTF-8). */
    HttpResponse<String> post(String query, String body) {
        return await(postAsync(query, body), "POST " + uri(query));
    }

    /** A POST of records (text, UTF-8), not waited for. */
    CompletableFuture<HttpResponse<String>> postAsync(String query, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(uri(query)).timeout(Await.TIMEOUT)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A DELETE. */
    HttpResponse<String> delete(String query) {
        return await(HTTP.sendAsync(HttpRequest.newBuilder(uri(query)).timeout(Await.TIMEOUT).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), "DELETE " + uri(query));
    }

    /** Waits for a response, bounded by {@link Await#TIMEOUT} plus a margin for a request's own timeout. */
    static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> response, String what) {
        try {
            return response.get(Await.TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " got no response within " + Await.TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A one-line description of a response, for failure messages. */
    static String describe(HttpResponse<?> response) {
        return response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("(no Content-Type)") + " body: "
                + (response.body() instanceof String text ? Records.printable(text) : "(stream)");
    }

    /** Closes a stream, ignoring failures (it ends an event stream from the client's side). */
    static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream is gone either way
        }
    }
}
