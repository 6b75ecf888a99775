package dev.hubs.it.client;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A client that skips negotiate opens the WebSocket without an id; the server makes a connection for it. */
@ExtendWith(ArquillianExtension.class)
class SkipNegotiationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(SkipNegotiationIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void webSocketsWithoutNegotiate() {
        HubConnection first = clients.start(base, "echo",
                builder -> builder.shouldSkipNegotiate(true).withTransport(TransportEnum.WEBSOCKETS));
        HubConnection second = clients.start(base, "echo",
                builder -> builder.shouldSkipNegotiate(true).withTransport(TransportEnum.WEBSOCKETS));

        assertEquals("direct", invoke(first, String.class, "echo", "direct"));
        assertEquals(5, invoke(second, Integer.class, "add", 2, 3));

        // Each connection still gets its own id.
        String firstId = invoke(first, String.class, "whoAmI");
        String secondId = invoke(second, String.class, "whoAmI");
        assertNotNull(firstId);
        assertFalse(firstId.isBlank());
        assertNotEquals(firstId, secondId);
    }

    private static <T> T invoke(HubConnection hub, Class<T> type, String method, Object... arguments) {
        return hub.invoke(type, method, arguments).timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }
}
