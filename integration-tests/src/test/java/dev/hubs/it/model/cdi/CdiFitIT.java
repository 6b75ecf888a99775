package dev.hubs.it.model.cdi;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import dev.hubs.it.fixtures.CdiHub;
import dev.hubs.it.fixtures.Counted;
import dev.hubs.it.fixtures.CountingInterceptor;
import dev.hubs.it.fixtures.DependentProbe;
import dev.hubs.it.fixtures.InvocationCounter;
import dev.hubs.it.fixtures.RequestStamp;
import dev.hubs.it.fixtures.StampReader;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CdiHub}: each invocation runs in a request context of its own, and its hub instance is destroyed with its
 * {@code @Dependent} objects before the completion leaves; a CDI interceptor bound to a hub method
 * sees its invocations; constraint annotations on parameters are enforced (the server has beanValidation-3.0) and a
 * violation comes back as an error Completion naming the parameter, the connection staying open.
 */
@ExtendWith(ArquillianExtension.class)
class CdiFitIT {

    private static final String VIOLATION_PREFIX = "An unexpected error occurred invoking '%s' on the server. "
            + "HubException: ";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(CdiFitIT.class, CdiHub.class, RequestStamp.class, StampReader.class,
                InvocationCounter.class, Counted.class, CountingInterceptor.class, DependentProbe.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private HubConnection hub;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        hub = clients.start(base, "cdi");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void eachInvocationHasARequestContextOfItsOwn(JavaTransport transport) {
        connect(transport);
        String[] first = Calls.invoke(hub, String[].class, "requestStamps");
        String[] second = Calls.invoke(hub, String[].class, "requestStamps");

        assertEquals(first[0], first[1], "the hub and another bean see the same request-scoped instance");
        assertEquals(second[0], second[1], "the hub and another bean see the same request-scoped instance");
        assertNotEquals(first[0], second[0], "two invocations must not share a request context");
    }

    @OverEveryTransport
    void eachInvocationsHubIsDestroyedWithItsDependentsBeforeItCompletes(JavaTransport transport) {
        connect(transport);
        int hubs = Calls.invoke(hub, Integer.class, "count", "destroyed:hub");
        int probes = Calls.invoke(hub, Integer.class, "count", "destroyed:probe");

        Calls.invoke(hub, String.class, "uncounted", "a");
        Calls.invoke(hub, String.class, "uncounted", "b");

        // A count is read before the reading invocation's own hub is destroyed, and every invocation in between
        // destroyed one hub and one probe.
        assertEquals(hubs + 4, Calls.invoke(hub, Integer.class, "count", "destroyed:hub"));
        assertEquals(probes + 4, Calls.invoke(hub, Integer.class, "count", "destroyed:probe"));
    }

    @OverEveryTransport
    void interceptorBoundToAHubMethodSeesItsInvocations(JavaTransport transport) {
        connect(transport);
        int before = Calls.invoke(hub, Integer.class, "count", "counted");

        assertEquals("x", Calls.invoke(hub, String.class, "counted", "x"));
        assertEquals("y", Calls.invoke(hub, String.class, "counted", "y"));
        assertEquals("z", Calls.invoke(hub, String.class, "uncounted", "z"));

        assertEquals(before + 2, Calls.invoke(hub, Integer.class, "count", "counted"));
        assertEquals(0, Calls.invoke(hub, Integer.class, "count", "uncounted"), "uncounted has no binding");
    }

    @OverEveryTransport
    void validArgumentsPass(JavaTransport transport) {
        connect(transport);
        assertEquals("hello bob", Calls.invoke(hub, String.class, "greet", "bob"));
        assertEquals("nick", Calls.invoke(hub, String.class, "nick", "nick"));
    }

    @OverEveryTransport
    void notBlankViolationNamesTheParameter(JavaTransport transport) {
        connect(transport);
        String error = violation("greet", "  ");

        // Bean Validation's property path of a parameter is <method>.<parameter> (names kept by -parameters).
        assertTrue(error.contains("greet.name"), "the violation must name the parameter 'name': " + error);
    }

    @OverEveryTransport
    void sizeViolationNamesTheParameter(JavaTransport transport) {
        connect(transport);
        String error = violation("nick", "much too long");

        assertTrue(error.contains("nick.nickname"), "the violation must name the parameter 'nickname': " + error);
    }

    private String violation(String method, Object... arguments) {
        HubException error = assertThrows(HubException.class, () -> Calls.invoke(hub, String.class, method, arguments));
        String message = error.getMessage();
        String prefix = String.format(VIOLATION_PREFIX, method);
        assertTrue(message.startsWith(prefix), "expected \"" + prefix + "<violation>\", got: " + message);
        assertEquals("hello again", Calls.invoke(hub, String.class, "greet", "again"), "the connection stays usable");
        return message.substring(prefix.length());
    }
}
