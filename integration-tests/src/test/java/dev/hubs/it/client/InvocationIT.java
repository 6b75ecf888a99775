package dev.hubs.it.client;

import com.microsoft.signalr.HubConnection;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calling hub methods with the Java client: results, asynchronous results, argument binding, method names. */
@ExtendWith(ArquillianExtension.class)
class InvocationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(InvocationIT.class, EchoHub.class, Person.class, Address.class);
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
    void returnsAString() {
        assertEquals("hello", invoke(String.class, "echo", "hello"));
    }

    @Test
    void returnsANumber() {
        assertEquals(42, invoke(Integer.class, "add", 40, 2));
    }

    @Test
    void returnsTheResultOfACompletionStage() {
        assertEquals("later: soon", invoke(String.class, "delayedEcho", "soon"));
    }

    @Test
    void voidMethodCompletes() {
        assertTrue(hub.invoke("noArgs").blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "The invocation of a void method did not complete");
    }

    @Test
    void recordArgumentRoundTrips() {
        Person sent = new Person("Ada", 36, List.of("math", "engines"), Map.of("chess", 3, "go", 7));
        // Gson 2.8, which the Java client brings, cannot create records: read the result into a plain class.
        PersonView back = invoke(PersonView.class, "roundTrip", sent);
        assertEquals(sent, back.toPerson());
    }

    @Test
    void beanArgumentRoundTrips() {
        Address sent = new Address("Rue de la Paix", 7, true);
        assertEquals(sent, invoke(Address.class, "roundTripBean", sent));
    }

    @Test
    void methodNamesIgnoreCase() {
        assertEquals("upper", invoke(String.class, "Echo", "upper"));
        assertEquals("shout", invoke(String.class, "ECHO", "shout"));
    }

    @Test
    void whoAmIIsTheClientsConnectionId() {
        assertEquals(hub.getConnectionId(), invoke(String.class, "whoAmI"));
    }

    private <T> T invoke(Class<T> type, String method, Object... arguments) {
        return hub.invoke(type, method, arguments).timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }

    /** The client-side shape of {@link Person}, for Gson. */
    static final class PersonView {
        String name;
        int age;
        List<String> tags;
        Map<String, Integer> scores;

        Person toPerson() {
            return new Person(name, age, tags, scores);
        }
    }
}
