package dev.hubs.it.model.typed;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.model.ModelClients;
import dev.hubs.it.support.Await;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code HubCallerClients<ModelClient>}: each call of an interface method becomes a client invocation named after
 * the method, or after its {@code @ClientMethod}.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(TypedClientsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private ModelClients a;
    private ModelClients b;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        a = ModelClients.connect(clients, base);
        b = ModelClients.connect(clients, base);
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void interfaceMethodBecomesClientMethodOfTheSameName(JavaTransport transport) {
        connect(transport);
        a.call("typedAll", "typed to all");

        a.receives("typed to all", "a");
        b.receives("typed to all", "b");
    }

    @OverEveryTransport
    void typedCallerAndGroup(JavaTransport transport) {
        connect(transport);
        a.call("typedCaller", "typed to a");
        a.receives("typed to a", "a");
        b.receivedNothingElse(a, "b");

        b.call("join", "typed-group");
        a.call("typedGroup", "typed-group", "typed to the group");
        b.receives("typed to the group", "b");
        a.receivedNothingElse(b, "a");
    }

    @OverEveryTransport
    void clientMethodAnnotationRenames(JavaTransport transport) {
        connect(transport);
        BlockingQueue<String> renamed = JavaClients.received(a.connection(), "ReceiveRenamed");
        BlockingQueue<String> javaName = JavaClients.received(a.connection(), "renamed");

        a.call("typedRenamed", "under another name");

        assertEquals("under another name", Await.next(renamed, "ReceiveRenamed(...)"));
        a.call("typedCaller", "marker");
        a.receives("marker", "a");
        assertTrue(javaName.isEmpty(), "the Java method name was used as well: " + javaName);
    }

    @OverEveryTransport
    void voidClientMethodWithTwoArguments(JavaTransport transport) {
        connect(transport);
        BlockingQueue<String> pairs = new LinkedBlockingQueue<>();
        a.connection().on("pair", (String text, Integer number) -> pairs.add(text + "/" + number),
                String.class, Integer.class);

        a.call("typedPair", "seven", 7);

        assertEquals("seven/7", Await.next(pairs, "pair(\"seven\", 7)"));
    }
}
