package dev.hubs.it.churn;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ways a connection of {@link ChurnHub} begins and ends in {@link ChurnIT}: each drives one connection of the
 * server from its start to the moment its client is gone, and fails when the server answers anything unexpected
 * on the way. Whether the server then lets go of everything the connection held is what the test checks after.
 */
enum Lifecycle {

    /** A WebSocket that invokes, then ends with a Close message and a close frame, as a well-behaved client does. */
    CLEAN_STOP(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException {
            try (RawConnection connection = new RawHub(base, HUB).connect()) {
                expectResult(connection, "echo", "\"hello " + n + "\"", "hello " + n);
                connection.send("{\"type\":7}" + RawConnection.RS);
            }
        }
    },

    /** Joins a second group, then the TCP connection ends with a reset and no close frame (a crashed client). */
    RESET_AFTER_JOINING(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException {
            RawSocket socket = RawSocket.connect(base, HUB);
            socket.sendText(invocation("1", "join", "\"room-" + (n % 16) + "\""));
            JsonObject completion = socket.nextMessage();
            expect(completion.getInt("type") == 3 && !completion.containsKey("error"), "join: " + completion);
            socket.dropWithReset();
        }
    },

    /** The TCP connection ends with a FIN and no close frame (the network went away cleanly, the client did not). */
    FIN_WITHOUT_CLOSE_FRAME(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException {
            RawSocket socket = RawSocket.connect(base, HUB);
            socket.sendText(invocation("1", "echo", "\"x\""));
            JsonObject completion = socket.nextMessage();
            expect("x".equals(completion.getString("result", null)), "echo: " + completion);
            socket.dropWithFin();
        }
    },

    /** Negotiates and opens a WebSocket, but never sends the handshake: the handshake timeout ends it. */
    HANDSHAKE_NEVER_SENT(false) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            RawHub hub = new RawHub(base, HUB);
            // Left open: the server must end it by itself, which the test checks at the end of the run.
            leftOpen.add(hub.open(hub.negotiateV1().getString("connectionToken")));
        }
    },

    /** Negotiates and never comes back: the handshake timeout forgets the connection. */
    NEGOTIATED_ONLY(false) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            new RawHub(base, HUB).negotiateV1();
        }
    },

    /** A long-polling client that completes the handshake, joins a group and never polls again. */
    LONG_POLLING_VANISHES(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException {
            String token = new RawHub(base, HUB).negotiateV1().getString("connectionToken");
            URI uri = URI.create(base + HUB + "?id=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            expectStatus(200, get(uri), "the first poll");
            expectStatus(200, post(uri, RawHub.JSON_HANDSHAKE + invocation("1", "join", "\"lp-" + (n % 16) + "\"")),
                    "the handshake and join POST");
            String answered = "";
            while (!answered.contains("\"invocationId\":\"1\"")) {
                HttpResponse<String> poll = get(uri);
                expectStatus(200, poll, "a poll");
                answered += poll.body();
            }
            expect(answered.startsWith("{}" + RawConnection.RS), "the handshake answer first: " + answered);
            // and never polls again
        }
    },

    /** Leaves while an asynchronous hub method waits for the test (no thread held on the server). */
    LEAVES_DURING_ASYNC_INVOCATION(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            RawConnection connection = new RawHub(base, HUB).connect();
            connection.send(invocation("1", "hold", ""));
            expectStarted(connection.nextMessage());
            connection.abort();
        }
    },

    /** Resets the TCP connection while a hub method blocks its thread until the test releases it. */
    LEAVES_DURING_BLOCKING_INVOCATION(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException {
            RawSocket socket = RawSocket.connect(base, HUB);
            socket.sendText(invocation("1", "block", ""));
            expectStarted(socket.nextMessage());
            socket.dropWithReset();
        }
    },

    /** Leaves a stream of results that never ends, after its first item. */
    LEAVES_A_STREAM(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            RawConnection connection = new RawHub(base, HUB).connect();
            connection.send("{\"type\":4,\"invocationId\":\"s1\",\"target\":\"endless\",\"arguments\":[]}"
                    + RawConnection.RS);
            JsonObject item = connection.nextMessage();
            expect(item.getInt("type") == 2, "the first stream item: " + item);
            connection.abort();
        }
    },

    /** Closes cleanly in the middle of an upload: one item sent, no Completion. */
    LEAVES_AN_UPLOAD(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            RawConnection connection = new RawHub(base, HUB).connect();
            connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"upload\",\"arguments\":[],"
                    + "\"streamIds\":[\"7\"]}" + RawConnection.RS
                    + "{\"type\":2,\"invocationId\":\"7\",\"item\":\"a\"}" + RawConnection.RS);
            // The echo waits behind nothing (an uploading method gives its turn back once it returned): when it is
            // answered, the upload has begun on the server.
            expectResult(connection, "echo", "\"after\"", "after");
            connection.close();
        }
    },

    /** Drops the connection while the server waits for its answer to a client result. */
    NEVER_ANSWERS_A_CLIENT_RESULT(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            RawConnection connection = new RawHub(base, HUB).connect();
            connection.send(invocation("1", "ask", ""));
            JsonObject question = connection.nextMessage();
            expect(question.getInt("type") == 1 && "question".equals(question.getString("target", null)),
                    "the client result's invocation: " + question);
            connection.abort();
        }
    },

    /** The official Java client: start, invoke, stop, over WebSockets or long polling in turn. */
    OFFICIAL_JAVA_CLIENT(true) {
        @Override
        void drive(URL base, int n, Collection<RawConnection> leftOpen) {
            HubConnection connection = HubConnectionBuilder.create(base + HUB)
                    .withTransport((n / 7) % 2 == 0 ? TransportEnum.WEBSOCKETS : TransportEnum.LONG_POLLING)
                    .build();
            try {
                expect(connection.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "the Java client started");
                String echoed = connection.invoke(String.class, "echo", "java " + n)
                        .timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
                expect(("java " + n).equals(echoed), "echo over the Java client: " + echoed);
            } finally {
                connection.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    };

    /** The hub path, relative to the context root. */
    static final String HUB = "churn";

    /** The lifecycles driven by raw clients, in the order they take turns. */
    static final List<Lifecycle> RAW = List.of(CLEAN_STOP, RESET_AFTER_JOINING, FIN_WITHOUT_CLOSE_FRAME,
            HANDSHAKE_NEVER_SENT, NEGOTIATED_ONLY, LONG_POLLING_VANISHES, LEAVES_DURING_ASYNC_INVOCATION,
            LEAVES_DURING_BLOCKING_INVOCATION, LEAVES_A_STREAM, LEAVES_AN_UPLOAD, NEVER_ANSWERS_A_CLIENT_RESULT);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT)
            .build();

    private final boolean handshakes;

    Lifecycle(boolean handshakes) {
        this.handshakes = handshakes;
    }

    /**
     * Whether the connection completes its handshake, so that {@code @OnConnected} (and then {@code @OnDisconnected})
     * runs for it.
     *
     * @return whether it connects
     */
    boolean handshakes() {
        return handshakes;
    }

    /**
     * Drives one connection through this lifecycle.
     *
     * @param base     the application's URL
     * @param n        the number of this lifecycle in the run, for distinct arguments
     * @param leftOpen where a lifecycle puts the connections it leaves for the server to end
     */
    abstract void drive(URL base, int n, Collection<RawConnection> leftOpen) throws IOException;

    /**
     * The lifecycle of number {@code n}: the official client every {@code javaEvery}-th time, the raw ones in turn
     * otherwise.
     *
     * @param n         the number of the lifecycle
     * @param javaEvery how often the official client takes a turn
     * @return the lifecycle
     */
    static Lifecycle of(int n, int javaEvery) {
        if (n % javaEvery == javaEvery - 1) {
            return OFFICIAL_JAVA_CLIENT;
        }
        return RAW.get(n % RAW.size());
    }

    static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":["
                + arguments + "]}" + RawConnection.RS;
    }

    private static void expectResult(RawConnection connection, String target, String argument, String result) {
        connection.send(invocation("e", target, argument));
        JsonObject completion = connection.nextMessage();
        expect(completion.getInt("type") == 3 && result.equals(completion.getString("result", null)),
                target + " answered " + completion);
    }

    private static void expectStarted(JsonObject message) {
        expect(message.getInt("type") == 1 && "started".equals(message.getString("target", null)),
                "started() before the method waits: " + message);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("Unexpected: " + what);
        }
    }

    private static void expectStatus(int status, HttpResponse<String> response, String what) {
        expect(response.statusCode() == status, what + " answered " + response.statusCode() + ": "
                + response.body());
    }

    private static HttpResponse<String> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private static HttpResponse<String> post(URI uri, String body) throws IOException {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
