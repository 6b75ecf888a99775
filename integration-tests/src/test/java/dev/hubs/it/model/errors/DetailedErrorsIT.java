package dev.hubs.it.model.errors;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hubs.enable-detailed-errors=true} (MicroProfile Config in the WAR): errors carry the exception's simple
 * type name and message, as in SignalR ({@code <text> <Type>: <message>}).
 */
@ExtendWith(ArquillianExtension.class)
class DetailedErrorsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(DetailedErrorsIT.class, EchoHub.class, Person.class, Address.class),
                "hubs.enable-detailed-errors=true");
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
    void otherExceptionsShowTypeAndMessage(JavaTransport transport) {
        connect(transport);
        assertEquals("An unexpected error occurred invoking 'crash' on the server. IllegalStateException: secret detail",
                error("crash"));
    }

    @OverEveryTransport
    void hubExceptionIsUnchanged(JavaTransport transport) {
        connect(transport);
        assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope", error("fail"));
    }

    @OverEveryTransport
    void unknownMethodIsUnchanged(JavaTransport transport) {
        connect(transport);
        assertEquals("Failed to invoke 'nothingHere' due to an error on the server. HubException: Method does not "
                + "exist.", error("nothingHere"));
    }

    /** SignalR: {@code InvalidDataException: Invocation provides 1 argument(s) but target expects 2.} */
    @OverEveryTransport
    void wrongArgumentCountTellsTheCounts(JavaTransport transport) {
        connect(transport);
        String error = error("add", 1);
        assertTrue(error.startsWith("Failed to invoke 'add' due to an error on the server. "), error);
        assertTrue(error.endsWith(": Invocation provides 1 argument(s) but target expects 2."), error);
    }

    /** SignalR: {@code InvalidDataException: Error binding arguments. Make sure that the types ...} */
    @OverEveryTransport
    void unconvertibleArgumentTellsWhy(JavaTransport transport) {
        connect(transport);
        String error = error("add", "one", 2);
        assertTrue(error.startsWith("Failed to invoke 'add' due to an error on the server. "), error);
        assertTrue(error.endsWith(": Error binding arguments. Make sure that the types of the provided values match "
                + "the types of the hub method being invoked."), error);
    }

    private String error(String method, Object... arguments) {
        HubException error = assertThrows(HubException.class, () -> Calls.invoke(hub, Object.class, method, arguments));
        assertEquals("still here", Calls.invoke(hub, String.class, "echo", "still here"));
        return error.getMessage();
    }
}
