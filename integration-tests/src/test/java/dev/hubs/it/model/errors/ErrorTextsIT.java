package dev.hubs.it.model.errors;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.HubException;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
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

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every error text of a failed invocation with detailed errors off (the default), exactly as the ASP.NET Core
 * SignalR server words it; each leaves the connection open. The Java client turns a Completion's error into a
 * {@link HubException} with the text unchanged; the raw client checks the bytes.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorTextsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(ErrorTextsIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private HubConnection hub;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        hub = clients.start(base, "echo");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void hubException(JavaTransport transport) {
        connect(transport);
        assertError("An unexpected error occurred invoking 'fail' on the server. HubException: nope", "fail");
    }

    @OverEveryTransport
    void otherExceptionGivesTheGenericText(JavaTransport transport) {
        connect(transport);
        assertError("An unexpected error occurred invoking 'crash' on the server.", "crash");
    }

    @OverEveryTransport
    void unknownMethod(JavaTransport transport) {
        connect(transport);
        assertError("Failed to invoke 'nothingHere' due to an error on the server. HubException: Method does not exist.",
                "nothingHere", 1, 2);
    }

    @OverEveryTransport
    void tooFewArguments(JavaTransport transport) {
        connect(transport);
        assertError("Failed to invoke 'add' due to an error on the server.", "add", 1);
    }

    @OverEveryTransport
    void tooManyArguments(JavaTransport transport) {
        connect(transport);
        assertError("Failed to invoke 'add' due to an error on the server.", "add", 1, 2, 3);
    }

    @OverEveryTransport
    void unconvertibleArgument(JavaTransport transport) {
        connect(transport);
        assertError("Failed to invoke 'add' due to an error on the server.", "add", "one", 2);
    }

    @OverEveryTransport
    void unconvertibleObjectArgument(JavaTransport transport) {
        connect(transport);
        assertError("Failed to invoke 'roundTrip' due to an error on the server.", "roundTrip", "not a person");
    }

    /** Method names match case-insensitively; errors name the method as declared, not as the client spelled it. */
    @OverEveryTransport
    void errorsNameTheDeclaredMethod(JavaTransport transport) {
        connect(transport);
        assertEquals(5, Calls.invoke(hub, Integer.class, "ADD", 2, 3));
        assertError("Failed to invoke 'add' due to an error on the server.", "ADD", 1);
        assertError("An unexpected error occurred invoking 'fail' on the server. HubException: nope", "FAIL");
    }

    /** The same texts byte for byte on the wire, with the invocation id, and no result beside the error. */
    @Test
    void onTheWire() {
        try (RawConnection raw = new RawHub(base, "echo").connect()) {
            raw.send("{\"type\":1,\"invocationId\":\"7\",\"target\":\"add\",\"arguments\":[1]}" + RS);
            JsonObject completion = raw.nextMessage();
            assertEquals(3, completion.getInt("type"), completion.toString());
            assertEquals("7", completion.getString("invocationId"), completion.toString());
            assertEquals("Failed to invoke 'add' due to an error on the server.", completion.getString("error"));
            assertFalse(completion.containsKey("result"), "error and result are exclusive: " + completion);

            raw.send("{\"type\":1,\"invocationId\":\"8\",\"target\":\"crash\",\"arguments\":[]}" + RS);
            completion = raw.nextMessage();
            assertEquals("8", completion.getString("invocationId"), completion.toString());
            assertEquals("An unexpected error occurred invoking 'crash' on the server.",
                    completion.getString("error"));

            raw.send("{\"type\":1,\"invocationId\":\"9\",\"target\":\"echo\",\"arguments\":[\"ok\"]}" + RS);
            completion = raw.nextMessage();
            assertEquals("9", completion.getString("invocationId"), completion.toString());
            assertEquals("ok", completion.getString("result"), "the connection is still usable: " + completion);
        }
    }

    /** A non-blocking invocation (no invocationId) that fails gets no Completion, and the connection stays. */
    @Test
    void failingNonBlockingInvocationIsSilent() {
        try (RawConnection raw = new RawHub(base, "echo").connect()) {
            raw.send("{\"type\":1,\"target\":\"crash\",\"arguments\":[]}" + RS);
            raw.send("{\"type\":1,\"target\":\"add\",\"arguments\":[1]}" + RS);
            raw.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"next\"]}" + RS);

            JsonObject completion = raw.nextMessage();
            assertEquals("1", completion.getString("invocationId"), "nothing before the echo: " + completion);
            assertEquals("next", completion.getString("result"), completion.toString());
        }
    }

    private void assertError(String expected, String method, Object... arguments) {
        HubException error = assertThrows(HubException.class, () -> Calls.invoke(hub, Object.class, method, arguments));
        assertEquals(expected, error.getMessage());
        assertEquals(HubConnectionState.CONNECTED, hub.getConnectionState(), "the connection must stay open");
        assertEquals("still here", Calls.invoke(hub, String.class, "echo", "still here"));
    }
}
