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
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hubs.it.support.JavaClients.received;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who receives what the hub sends: all, others, caller, one connection. Three Java clients on one hub.
 *
 * <p>That a connection did NOT receive a message is proven without waiting: a connection's messages arrive in the order
 * they were sent, so after the unwanted message would have been queued, the hub sends the connection a marker; the
 * first message it receives must be that marker.
 */
@ExtendWith(ArquillianExtension.class)
class TargetsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(TargetsIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private HubConnection alice;
    private HubConnection bob;
    private HubConnection carol;
    private BlockingQueue<String> aliceReceives;
    private BlockingQueue<String> bobReceives;
    private BlockingQueue<String> carolReceives;

    @BeforeEach
    void connect() {
        alice = clients.start(base, "echo");
        bob = clients.start(base, "echo");
        carol = clients.start(base, "echo");
        aliceReceives = received(alice, "receive");
        bobReceives = received(bob, "receive");
        carolReceives = received(carol, "receive");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void allReachesEveryConnectionAndTheSender() {
        invokeVoid(alice, "broadcast", "to everyone");

        assertEquals("to everyone", Await.next(aliceReceives, "alice's copy of the broadcast"));
        assertEquals("to everyone", Await.next(bobReceives, "bob's copy of the broadcast"));
        assertEquals("to everyone", Await.next(carolReceives, "carol's copy of the broadcast"));
    }

    @Test
    void othersDoesNotReachTheCaller() {
        invokeVoid(alice, "toOthers", "not for alice");

        assertEquals("not for alice", Await.next(bobReceives, "bob's copy"));
        assertEquals("not for alice", Await.next(carolReceives, "carol's copy"));

        invokeVoid(alice, "toCaller", "marker");
        assertEquals("marker", Await.next(aliceReceives, "the marker to alice"),
                "others() reached the caller: its first message was not the marker");
    }

    @Test
    void callerReachesOnlyTheCaller() {
        invokeVoid(bob, "toCaller", "for bob");
        assertEquals("for bob", Await.next(bobReceives, "bob's own message"));

        invokeVoid(alice, "toCaller", "marker a");
        invokeVoid(carol, "toCaller", "marker c");
        assertEquals("marker a", Await.next(aliceReceives, "the marker to alice"));
        assertEquals("marker c", Await.next(carolReceives, "the marker to carol"));
    }

    @Test
    void clientReachesExactlyThatConnection() {
        String aliceId = invoke(alice, String.class, "whoAmI");
        String bobId = invoke(bob, String.class, "whoAmI");
        String carolId = invoke(carol, String.class, "whoAmI");
        assertEquals(3, Set.of(aliceId, bobId, carolId).size(), "connection ids must differ");

        BlockingQueue<String> aliceDirect = received(alice, "direct");
        BlockingQueue<String> bobDirect = received(bob, "direct");
        BlockingQueue<String> carolDirect = received(carol, "direct");

        invokeVoid(alice, "sendTo", bobId, "psst");
        assertEquals("psst", Await.next(bobDirect, "the direct message to bob"));

        invokeVoid(carol, "sendTo", aliceId, "marker a");
        invokeVoid(alice, "sendTo", carolId, "marker c");
        assertEquals("marker a", Await.next(aliceDirect, "the marker to alice"),
                "client(bob) reached alice: her first direct message was not the marker");
        assertEquals("marker c", Await.next(carolDirect, "the marker to carol"),
                "client(bob) reached carol: her first direct message was not the marker");
        assertTrue(bobDirect.isEmpty(), "bob received more than his message: " + bobDirect);
    }

    private static void invokeVoid(HubConnection hub, String method, Object... arguments) {
        assertTrue(hub.invoke(method, arguments).blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "The invocation of " + method + " did not complete");
    }

    private static <T> T invoke(HubConnection hub, Class<T> type, String method, Object... arguments) {
        return hub.invoke(type, method, arguments).timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }
}
