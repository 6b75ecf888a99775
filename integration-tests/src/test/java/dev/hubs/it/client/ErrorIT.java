package dev.hubs.it.client;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.HubException;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Errors of an invocation reach the Java client as {@link HubException} with SignalR's exact texts, and leave the
 * connection usable.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(ErrorIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private HubConnection hub;

    @BeforeEach
    void connect() {
        hub = clients.start(base, "echo");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void missingMethodFailsTheInvocationOnly() {
        HubException error = assertThrows(HubException.class, () -> invoke(String.class, "missing", "x"));
        assertEquals("Failed to invoke 'missing' due to an error on the server. HubException: Method does not exist.",
                error.getMessage());
        assertStillUsable();
    }

    @Test
    void hubExceptionMessageReachesTheClient() {
        HubException error = assertThrows(HubException.class, () -> invoke(Object.class, "fail"));
        assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                error.getMessage());
        assertStillUsable();
    }

    @Test
    void otherExceptionsReachTheClientWithoutDetails() {
        HubException error = assertThrows(HubException.class, () -> invoke(Object.class, "crash"));
        assertEquals("An unexpected error occurred invoking 'crash' on the server.", error.getMessage());
        assertFalse(error.getMessage().contains("secret detail"), error.getMessage());
        assertStillUsable();
    }

    private void assertStillUsable() {
        assertEquals(HubConnectionState.CONNECTED, hub.getConnectionState());
        assertEquals("still here", invoke(String.class, "echo", "still here"));
    }

    private <T> T invoke(Class<T> type, String method, Object... arguments) {
        return hub.invoke(type, method, arguments).timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }
}
