package dev.hubs.it.js;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.QueryUserIdProvider;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.NodeRun;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static dev.hubs.it.support.JsScenario.sorted;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * User ids from a {@code UserIdProvider} and the targets {@code user(id)} and {@code users(ids)}, with the official
 * JavaScript client (script {@code users.mjs}, hub {@link ModelHub}). {@link QueryUserIdProvider} takes the user id
 * from the query parameter {@code user} of the hub URL, which the client passes on to negotiate and to the
 * connecting request; alice has two connections.
 */
@ExtendWith(ArquillianExtension.class)
class UsersJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(UsersJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class,
                QueryUserIdProvider.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void userIdsComeFromTheProvider(Transport transport) {
        JsScenario ids = NodeClient.run("users.mjs", base, transport, "userIds").scenario("userIds");
        assertAll(
                () -> assertEquals("alice", ids.string("alice1"), ids::toString),
                () -> assertEquals("alice", ids.string("alice2"), ids::toString),
                () -> assertEquals("bob", ids.string("bob"), ids::toString),
                () -> assertNull(ids.string("anonymous"), "no user parameter, no user: " + ids));
    }

    @OverEveryTransport
    void userAndUsersReachEveryConnectionOfThoseUsers(Transport transport) {
        NodeRun run = NodeClient.run("users.mjs", base, transport, "user", "users", "userAfterOneConnectionEnded");
        assertAll(
                () -> {
                    JsScenario user = run.scenario("user");
                    assertEquals(sorted(Map.of(
                                    "alice1", List.of("receive(to alice)"),
                                    "alice2", List.of("receive(to alice)"),
                                    "bob", List.of(),
                                    "carol", List.of(),
                                    "anonymous", List.of())),
                            user.callsByConnection("received"), "user(alice): " + user);
                },
                () -> {
                    JsScenario users = run.scenario("users");
                    assertEquals(sorted(Map.of(
                                    "alice1", List.of("receive(to alice and bob)"),
                                    "alice2", List.of("receive(to alice and bob)"),
                                    "bob", List.of("receive(to alice and bob)"),
                                    "carol", List.of(),
                                    "anonymous", List.of())),
                            users.callsByConnection("received"), "users(alice, bob): " + users);
                },
                () -> {
                    JsScenario afterEnd = run.scenario("userAfterOneConnectionEnded");
                    assertNull(afterEnd.string("alice1Closed"), afterEnd::toString);
                    assertNull(afterEnd.string("sendResult"), afterEnd::toString);
                    assertEquals(sorted(Map.of(
                                    "alice2", List.of("receive(to the alice that is left)"),
                                    "bob", List.of(),
                                    "carol", List.of(),
                                    "anonymous", List.of())),
                            afterEnd.callsByConnection("received"), "user(alice) after alice1 stopped: " + afterEnd);
                });
    }
}
