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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Group membership through {@code GroupManager}, seen by the official JavaScript client (script {@code groups.mjs},
 * hub {@link ModelHub}): join, leave, adding and removing another connection, and leaving on disconnect.
 */
@ExtendWith(ArquillianExtension.class)
class GroupsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(GroupsJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void joinAndLeave(Transport transport) {
        JsScenario groups = NodeClient.run("groups.mjs", base, transport, "joinAndLeave").scenario("joinAndLeave");
        assertAll(
                () -> assertEquals(sorted(Map.of("a", List.of("receive(after a joined)"), "b", List.of())),
                        groups.callsByConnection("afterJoin"), "after join: " + groups),
                () -> assertEquals(sorted(Map.of("a", List.of("receive(after a joined twice)"), "b", List.of())),
                        groups.callsByConnection("afterJoinTwice"), "joining twice is being a member once: " + groups),
                () -> assertEquals(sorted(Map.of("a", List.of(), "b", List.of())),
                        groups.callsByConnection("afterLeave"), "after leave: " + groups),
                () -> assertNull(groups.string("leaveAgain"), groups::toString),
                () -> assertNull(groups.string("leaveNeverJoined"), groups::toString),
                () -> assertEquals(sorted(Map.of("a", List.of("receive(after a joined again)"), "b", List.of())),
                        groups.callsByConnection("afterRejoin"), "after joining again: " + groups));
    }

    @OverEveryTransport
    void addAndRemoveAnotherConnection(Transport transport) {
        NodeRun run = NodeClient.run("groups.mjs", base, transport, "addAndRemoveAnotherConnection");
        JsScenario groups = run.scenario("addAndRemoveAnotherConnection");
        assertAll(
                () -> assertEquals(sorted(Map.of("a", List.of(), "b", List.of("receive(after a added b)"), "c", List.of())),
                        groups.callsByConnection("afterAdd"), "after addToGroup(b): " + groups),
                () -> assertEquals(sorted(Map.of("a", List.of(), "b", List.of(), "c", List.of())),
                        groups.callsByConnection("afterRemove"), "after removeFromGroup(b): " + groups),
                () -> assertNull(groups.string("addUnknownConnection"), "an unknown connection id is ignored: " + groups));
    }

    @OverEveryTransport
    void aConnectionLeavesItsGroupsWhenItEnds(Transport transport) {
        JsScenario groups = NodeClient.run("groups.mjs", base, transport, "leaveOnDisconnect").scenario("leaveOnDisconnect");
        assertAll(
                () -> assertNull(groups.string("bClosed"), "b's stop() is a clean close: " + groups),
                () -> assertNull(groups.string("sendAfterBLeft"), groups::toString),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(after b disconnected)"),
                                "c", List.of("receive(after b disconnected)"))),
                        groups.callsByConnection("received"), groups::toString));
    }
}
