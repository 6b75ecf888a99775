package dev.hubs.it.model.context;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hub learns of its caller through {@code HubCallerContext}, on {@link ModelHub}, without a
 * {@code UserIdProvider} bean (so the default, the principal's name, applies: none here).
 */
@ExtendWith(ArquillianExtension.class)
class CallerContextIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(CallerContextIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void connectionIdIsTheOneOfTheNegotiateResponse(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model");

        CallerInfo info = Calls.invoke(connection, CallerInfo.class, "callerInfo");
        assertNotNull(connection.getConnectionId(), "the Java client knows the connectionId from negotiate");
        assertEquals(connection.getConnectionId(), info.getConnectionId());
        assertEquals(connection.getConnectionId(), Calls.invoke(connection, String.class, "whoAmI"));
    }

    @OverEveryTransport
    void anonymousConnectionHasNoUserWithTheDefaultProvider(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model?user=alice");

        assertNull(Calls.invoke(connection, CallerInfo.class, "callerInfo").getUserId(),
                "without a UserIdProvider bean, the user is the principal's name, and there is no principal");
    }

    /** The transport the client was told to use is the one the hub sees: no silent fall-back to another. */
    @OverEveryTransport
    void transportIsTheOneTheClientUses(JavaTransport transport) {
        HubConnection connection = clients.over(transport).start(base, "model");

        assertEquals(transport.name(), Calls.invoke(connection, String.class, "transport"));
        assertEquals(transport.name(), Calls.invoke(connection, CallerInfo.class, "callerInfo").getTransport());
    }

    @OverEveryTransport
    void headersOfTheConnectingRequestCaseInsensitively(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model",
                builder -> builder.withHeader("X-Hubs-Test", "header value"));

        assertEquals("header value", Calls.invoke(connection, String.class, "header", "X-Hubs-Test"));
        assertEquals("header value", Calls.invoke(connection, String.class, "header", "x-hubs-test"));
        assertEquals("header value", Calls.invoke(connection, String.class, "header", "X-HUBS-TEST"));
    }

    @OverEveryTransport
    void queryParametersOfTheConnectingRequestWithoutTheToken(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model?color=blue&size=9");

        assertEquals("blue", Calls.invoke(connection, String.class, "query", "color"));
        assertEquals("9", Calls.invoke(connection, String.class, "query", "size"));
        List<String> names = Arrays.asList(Calls.invoke(connection, String[].class, "queryNames"));
        assertTrue(names.containsAll(List.of("color", "size")), names.toString());
        assertFalse(names.contains("id"), "the secret connection token (query parameter id) must be left out: "
                + names);
    }

    @OverEveryTransport
    void cookiesOfTheConnectingRequest(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model",
                builder -> builder.withHeader("Cookie", "flavor=chocolate; size=large"));

        assertEquals("chocolate", Calls.invoke(connection, String.class, "cookie", "flavor"));
        assertEquals("large", Calls.invoke(connection, String.class, "cookie", "size"));
    }

    @OverEveryTransport
    void itemsLastAcrossInvocationsOfOneConnectionOnly(JavaTransport transport) {
        clients.over(transport);
        HubConnection first = clients.start(base, "model");
        HubConnection second = clients.start(base, "model");

        Calls.invokeVoid(first, "remember", "color", "red");
        assertEquals("red", Calls.invoke(first, String.class, "recall", "color"));
        assertEquals("red", Calls.invoke(first, String.class, "remember", "color", "green"),
                "remember returns the value stored by the earlier invocation");
        assertEquals("green", Calls.invoke(first, String.class, "recall", "color"));

        Calls.invokeVoid(second, "remember", "color", "blue");
        assertEquals("blue", Calls.invoke(second, String.class, "recall", "color"));
        assertEquals("green", Calls.invoke(first, String.class, "recall", "color"),
                "another connection's items are its own");
    }

    /**
     * {@code abort()} closes the connection from the server: a Close message without error (SignalR sends
     * {@code {"type":7}}), then the socket ends with a close frame. Raw WebSocket frames: what the fallback
     * transports carry is shown by the official clients here and, byte for byte, in {@code dev.hubs.it.fallback}.
     */
    @Test
    void abortClosesTheConnectionWithoutError() {
        RawConnection connection = new RawHub(base, "model").connect();
        try {
            connection.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"abort\",\"arguments\":[]}" + RS);

            JsonObject message = connection.nextMessage();
            if (message.getInt("type") == 3) {
                // The invocation's completion may come first.
                assertEquals("1", message.getString("invocationId"), message.toString());
                assertFalse(message.containsKey("error"), "abort() is not an error: " + message);
                message = connection.nextMessage();
            }
            assertEquals(7, message.getInt("type"), "a Close message: " + message);
            assertFalse(message.containsKey("error"), "abort() closes without error: " + message);

            RawConnection.Closed closed = connection.awaitClosed();
            assertTrue(closed.byCloseFrame(), "the server dropped the socket without a close frame: " + closed);
        } finally {
            connection.close();
        }
    }

    @OverEveryTransport
    void abortEndsTheJavaClientWithoutError(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.builder(base, "model").build();
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.onClosed(error -> closed.complete(error));
        clients.start(connection);

        connection.send("abort");

        Exception error = closed.orTimeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertNull(error, "the Java client reports a clean close");
        assertEquals(HubConnectionState.DISCONNECTED, connection.getConnectionState());
    }
}
