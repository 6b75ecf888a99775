package dev.hubs.it.protocol;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record the server cannot read ends that connection with a Close message, and only that connection: a Java client
 * connected at the same time keeps working.
 */
@ExtendWith(ArquillianExtension.class)
class MalformedRecordIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(MalformedRecordIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private HubConnection bystander;
    private RawConnection connection;

    @BeforeEach
    void connect() {
        bystander = clients.start(base, "echo");
        connection = new RawHub(base, "echo").connect();
    }

    @AfterEach
    void close() {
        connection.close();
        clients.close();
    }

    @Test
    void truncatedJson() {
        connection.send("{\"type\":1,\"target\":" + RS);

        assertClosedWithError();
        assertBystanderUnaffected();
    }

    @Test
    void notJson() {
        connection.send("not json" + RS);

        assertClosedWithError();
        assertBystanderUnaffected();
    }

    @Test
    void invocationWithoutTarget() {
        connection.send("{\"type\":1,\"invocationId\":\"1\",\"arguments\":[]}" + RS);

        assertClosedWithError();
        assertBystanderUnaffected();
    }

    /**
     * {"type":7,"error":"Connection closed with an error.","allowReconnect":true} (what ASP.NET Core sends when a
     * message cannot be parsed, detailed errors off), then the server closes the WebSocket.
     */
    private void assertClosedWithError() {
        JsonObject close = connection.nextMessage();
        assertEquals(7, close.getInt("type", -1), "expected a Close message: " + close);
        assertEquals("Connection closed with an error.", close.getString("error", null), close.toString());
        assertTrue(close.getBoolean("allowReconnect", false),
                "ASP.NET Core keeps allowReconnect true on an error close: " + close);

        RawConnection.Closed closed = connection.awaitClosed();
        assertTrue(closed.byCloseFrame(), "the socket was dropped instead of closed: " + closed);
    }

    private void assertBystanderUnaffected() {
        assertEquals(HubConnectionState.CONNECTED, bystander.getConnectionState());
        assertEquals("unaffected", bystander.invoke(String.class, "echo", "unaffected")
                .timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet());
    }
}
