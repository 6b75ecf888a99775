package dev.hubs.it.model.users;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.QueryUserIdProvider;
import dev.hubs.it.model.ModelClients;
import dev.hubs.it.support.Await;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User ids from an application's {@code UserIdProvider} bean ({@link QueryUserIdProvider}: the query parameter
 * {@code user}), and the user targets: alice has two connections, bob one, and one connection is anonymous.
 */
@ExtendWith(ArquillianExtension.class)
class UsersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(UsersIT.class, ModelHub.class, ModelClient.class, CallerInfo.class,
                QueryUserIdProvider.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private ModelClients alice1;
    private ModelClients alice2;
    private ModelClients bob;
    private ModelClients anonymous;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        alice1 = ModelClients.connect(clients, base, "user=alice");
        alice2 = ModelClients.connect(clients, base, "user=alice");
        bob = ModelClients.connect(clients, base, "user=bob");
        anonymous = ModelClients.connect(clients, base);
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void theProviderBeanGivesTheUserId(JavaTransport transport) {
        connect(transport);
        assertEquals("alice", userId(alice1));
        assertEquals("alice", userId(alice2));
        assertEquals("bob", userId(bob));
        assertNull(userId(anonymous), "a connection without the query parameter has no user");
    }

    @OverEveryTransport
    void userReachesEveryConnectionOfTheUser(JavaTransport transport) {
        connect(transport);
        bob.call("sendUser", "alice", "for alice");

        alice1.receives("for alice", "alice's first connection");
        alice2.receives("for alice", "alice's second connection");
        bob.receivedNothingElse(alice1, "bob");
        anonymous.receivedNothingElse(alice1, "the anonymous connection");
    }

    @OverEveryTransport
    void usersReachesEveryConnectionOfEachUser(JavaTransport transport) {
        connect(transport);
        anonymous.call("sendUsers", List.of("alice", "bob"), "for alice and bob");

        alice1.receives("for alice and bob", "alice's first connection");
        alice2.receives("for alice and bob", "alice's second connection");
        bob.receives("for alice and bob", "bob");
        anonymous.receivedNothingElse(alice1, "the anonymous connection");
        alice1.receivedNothingElse(bob, "alice's first connection (a second copy)");
    }

    @OverEveryTransport
    void aUserWhoseConnectionEndedIsReachedOnTheOthers(JavaTransport transport) {
        connect(transport);
        assertTrue(alice1.connection().stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "alice's first connection did not stop");

        bob.call("sendUser", "alice", "for what is left of alice");
        alice2.receives("for what is left of alice", "alice's second connection");
    }

    @OverEveryTransport
    void userIdsAreCaseSensitive(JavaTransport transport) {
        connect(transport);
        bob.call("sendUser", "ALICE", "not alice");
        alice1.receivedNothingElse(bob, "alice's first connection");
    }

    private static String userId(ModelClients connection) {
        return Calls.invoke(connection.connection(), CallerInfo.class, "callerInfo").getUserId();
    }
}
