package dev.hubs.it.model.options;

import com.microsoft.signalr.HubConnection;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.Person;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hubs.EchoHub.maximum-receive-message-size=1KB}: a per-hub limit. A larger record closes that connection
 * with SignalR's error Close; a smaller one works; {@link ModelHub} in the same WAR keeps the 32 KB default.
 */
@ExtendWith(ArquillianExtension.class)
class MaximumMessageSizeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(MaximumMessageSizeIT.class, EchoHub.class, Person.class, Address.class,
                        ModelHub.class, ModelClient.class, CallerInfo.class),
                "hubs.EchoHub.maximum-receive-message-size=1KB");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void aRecordBelowTheLimitWorks() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            String text = "s".repeat(900);
            connection.send(invocation(text));
            JsonObject completion = connection.nextMessage();
            assertEquals(text, completion.getString("result"), "a record of about 960 bytes is within 1 KB");
        }
    }

    @Test
    void aRecordAboveTheLimitClosesTheConnectionWithAnError() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            connection.send(invocation("b".repeat(2000)));

            JsonObject close = connection.nextMessage();
            assertEquals(7, close.getInt("type"), "a Close message, not a completion: " + close);
            assertEquals("Connection closed with an error.", close.getString("error", null), close.toString());
            RawConnection.Closed closed = connection.awaitClosed();
            assertTrue(closed.byCloseFrame(), "the server dropped the socket without a close frame: " + closed);
        }
    }

    /** The limit is per record: a WebSocket message of two small records is fine although it is larger than 1 KB. */
    @Test
    void theLimitIsPerRecord() {
        try (RawConnection connection = new RawHub(base, "echo").connect()) {
            String text = "r".repeat(700);
            String record = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"" + text + "\"]}" + RS;
            connection.send(record + record.replace("\"1\"", "\"2\""));

            assertEquals(text, connection.nextMessage().getString("result"));
            assertEquals(text, connection.nextMessage().getString("result"));
        }
    }

    @OverEveryTransport
    void theJavaClientSeesTheErrorClose(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.builder(base, "echo").build();
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.onClosed(closed::complete);
        clients.start(connection);

        connection.send("echo", "j".repeat(2000));

        Exception error = closed.orTimeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertNotNull(error, "an error close");
        assertEquals("Connection closed with an error.", error.getMessage());
    }

    @OverEveryTransport
    void anotherHubOfTheWarKeepsTheDefault(JavaTransport transport) {
        clients.over(transport);
        HubConnection connection = clients.start(base, "model");
        String large = "m".repeat(20_000);

        Calls.invokeVoid(connection, "remember", "large", large);
        assertEquals(large, Calls.invoke(connection, String.class, "recall", "large"));
    }

    private static String invocation(String text) {
        return "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"" + text + "\"]}" + RS;
    }
}
