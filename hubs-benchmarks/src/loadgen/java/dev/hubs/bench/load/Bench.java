package dev.hubs.bench.load;

import dev.hubs.bench.load.ws.EventLoop;
import dev.hubs.bench.load.ws.HttpConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The environment of a run: the event loop, the HTTP client, where the two servers are, the echo payload.
 */
public final class Bench implements AutoCloseable {

    private final EventLoop loop;
    private final HttpClient http;
    private final URI liberty;
    private final URI node;
    private final String echoPayload;

    /**
     * Creates the environment.
     *
     * @param liberty      the benchmark WAR's root, for example {@code http://127.0.0.1:9780}
     * @param node         the Socket.IO server's root, or {@code null} when Socket.IO is not measured
     * @param payloadBytes how long the echoed text is
     */
    public Bench(URI liberty, URI node, int payloadBytes) {
        this.liberty = liberty;
        this.node = node;
        this.loop = new EventLoop("loadgen-loop");
        // HTTP/1.1 named: the default would try an h2c upgrade on the first request.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        StringBuilder payload = new StringBuilder(payloadBytes);
        for (int i = 0; i < payloadBytes; i++) {
            payload.append((char) ('a' + i % 26));
        }
        this.echoPayload = payload.toString();
    }

    private Bench(Bench shared, URI liberty) {
        this.liberty = liberty;
        this.node = shared.node;
        this.loop = shared.loop;
        this.http = shared.http;
        this.echoPayload = shared.echoPayload;
    }

    /**
     * The same environment (event loop, HTTP client) pointed at another Liberty server, for scenarios that span two
     * servers (see {@code ClusterBroadcastScenario}). Closing it closes the shared loop: close only the original.
     *
     * @param otherLiberty the other server's root
     * @return the environment for that server
     */
    public Bench withLiberty(URI otherLiberty) {
        return new Bench(this, otherLiberty);
    }

    /** The event loop. */
    public EventLoop loop() {
        return loop;
    }

    /** The HTTP client. */
    public HttpClient http() {
        return http;
    }

    /** The echo payload. */
    public String echoPayload() {
        return echoPayload;
    }

    /** The root of the Liberty server. */
    public URI liberty() {
        return liberty;
    }

    /** The root of the Node server. */
    public URI node() {
        if (node == null) {
            throw new IllegalStateException("no Socket.IO server given (--socketio)");
        }
        return node;
    }

    /** Whether a Socket.IO server was given. */
    public boolean hasNode() {
        return node != null;
    }

    /**
     * Negotiates a hub connection (version 1) over a short-lived connection of the event loop, as a client does
     * before it opens its transport. Loop thread only; the callbacks run there too.
     *
     * @param hubPath for example {@code /hubs/echo}
     * @param token   told the connection token
     * @param failure told why negotiation failed
     */
    public void negotiate(String hubPath, java.util.function.Consumer<String> token,
                          java.util.function.Consumer<String> failure) {
        HttpConnection http = loop.http(liberty.getHost(), liberty.getPort());
        String target = hubPath + "/negotiate?negotiateVersion=1";
        http.send("POST", target, null, null, new HttpConnection.ResponseHandler() {
            @Override
            public void onResponse(int status, byte[] body, int offset, int length, long now) {
                http.close();
                int end = offset + length;
                int at = Ascii.indexOf(body, offset, end, CONNECTION_TOKEN);
                if (status != 200 || at < 0) {
                    failure.accept("negotiate answered " + status + " " + Ascii.string(body, offset, end));
                    return;
                }
                int from = at + CONNECTION_TOKEN.length;
                token.accept(Ascii.string(body, from, Ascii.indexOf(body, from, end, (byte) '"')));
            }

            @Override
            public void onFailure(String reason) {
                http.close();
                failure.accept("negotiate failed: " + reason);
            }
        });
    }

    private static final byte[] CONNECTION_TOKEN = Ascii.bytes("\"connectionToken\":\"");

    /**
     * Reads a server's /stats.
     *
     * @param onNode whether to ask the Node server rather than Liberty
     * @param gc     whether the server should collect garbage first
     * @return the stats
     */
    public ServerStats stats(boolean onNode, boolean gc) {
        URI root = onNode ? node() : liberty;
        HttpRequest request = HttpRequest.newBuilder(root.resolve(gc ? "/stats?gc=true" : "/stats"))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject json = reader.readObject();
                return new ServerStats(json.getString("server", ""), json.getString("jvm", ""),
                        json.getString("gc", ""), json.getJsonNumber("cpuNanos").longValue(),
                        json.getJsonNumber("heapUsed").longValue(), json.getJsonNumber("rss").longValue(),
                        System.nanoTime(), json.containsKey("heapAfterLastGc")
                                ? json.getJsonNumber("heapAfterLastGc").longValue() : -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    /**
     * What a server's /stats answered.
     *
     * @param server    the server's name and version
     * @param jvm       the JVM's name and version (empty for Node)
     * @param gc        the garbage collectors (empty for Node)
     * @param cpuNanos  the process's CPU time
     * @param heapUsed  the used heap (after a collection when one was asked for)
     * @param rss       the resident set size, -1 when unknown
     * @param readNanos the load generator's {@link System#nanoTime()} when the answer arrived
     * @param heapAfterLastGc the heap in use right after the last collection, -1 when unknown (Node)
     */
    public record ServerStats(String server, String jvm, String gc, long cpuNanos, long heapUsed, long rss,
                              long readNanos, long heapAfterLastGc) {
    }
}
