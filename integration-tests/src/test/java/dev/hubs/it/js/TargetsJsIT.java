package dev.hubs.it.js;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
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

/**
 * Every send target of {@code HubCallerClients} (except the user targets, see {@link UsersJsIT}), received by the
 * official JavaScript client (script {@code targets.mjs}, hub {@link ModelHub}).
 *
 * <p>Each scenario records, per connection, the calls it received before a marker sent to it after the send had
 * completed: a connection that must not be reached shows none, one that must be reached shows exactly one call.
 */
@ExtendWith(ArquillianExtension.class)
class TargetsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(TargetsJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void connectionTargets(Transport transport) {
        NodeRun run = NodeClient.run("targets.mjs", base, transport,
                "all", "allExcept", "client", "clients", "caller", "others");
        assertAll(
                () -> assertReached(run, "all", Map.of(
                        "a", List.of("receive(to all)"),
                        "b", List.of("receive(to all)"),
                        "c", List.of("receive(to all)"))),
                () -> assertReached(run, "allExcept", Map.of(
                        "a", List.of("receive(to all but b)"),
                        "b", List.of(),
                        "c", List.of("receive(to all but b)"))),
                () -> assertReached(run, "client", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to b)"),
                        "c", List.of())),
                () -> assertReached(run, "clients", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to b and c)"),
                        "c", List.of("receive(to b and c)"))),
                () -> assertReached(run, "caller", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to the caller b)"),
                        "c", List.of())),
                () -> assertReached(run, "others", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to others than a)"),
                        "c", List.of("receive(to others than a)"))));
    }

    @OverEveryTransport
    void groupTargets(Transport transport) {
        NodeRun run = NodeClient.run("targets.mjs", base, transport,
                "group", "groups", "groupExcept", "othersInGroup");
        assertAll(
                () -> assertReached(run, "group", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to g)"),
                        "c", List.of("receive(to g)"))),
                () -> assertReached(run, "groups", Map.of(
                        "a", List.of("receive(to g1 and g2)"),
                        "b", List.of("receive(to g1 and g2)"),
                        "c", List.of("receive(to g1 and g2)"),
                        "d", List.of())),
                () -> assertReached(run, "groupExcept", Map.of(
                        "a", List.of("receive(to g but b)"),
                        "b", List.of(),
                        "c", List.of("receive(to g but b)"),
                        "d", List.of())),
                () -> assertReached(run, "othersInGroup", Map.of(
                        "a", List.of(),
                        "b", List.of("receive(to g but the caller a)"),
                        "c", List.of())));
    }

    @OverEveryTransport
    void unknownConnectionsGroupsAndUsersReachNobodyWithoutError(Transport transport) {
        JsScenario unknown = NodeClient.run("targets.mjs", base, transport, "unknownTargets").scenario("unknownTargets");
        assertEquals(sorted(Map.of("a", List.of(), "b", List.of(), "c", List.of())),
                unknown.callsByConnection("received"), unknown.toString());
    }

    /** The scenario ran without error and each connection received exactly the given calls before its marker. */
    static void assertReached(NodeRun run, String scenario, Map<String, List<String>> expected) {
        JsScenario seen = run.scenario(scenario);
        assertEquals(sorted(expected), seen.callsByConnection("received"), scenario + ": " + seen);
    }
}
