package dev.hubs.it.js;

import dev.hubs.it.fixtures.LifecycleHub;
import dev.hubs.it.fixtures.LifecycleLog;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.NodeRun;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code @OnConnected} and {@code @OnDisconnected} with the official JavaScript client (script {@code lifecycle.mjs},
 * hub {@link LifecycleHub}): their order relative to invocations, recorded server side in {@link LifecycleLog}; what
 * they send; a failing {@code @OnConnected}; and that clients cannot call them.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleJsIT {

    private static final Transport TRANSPORT = Transport.WebSockets;

    /** What the JavaScript client reports when the server closes the connection with an error. */
    static final String CLOSED_WITH_ERROR = "Server returned an error on close: Connection closed with an error.";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(LifecycleJsIT.class, LifecycleHub.class, LifecycleLog.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void onConnectedRunsBeforeInvocationsAndItsMessageComesFirst() {
        NodeRun run = NodeClient.run("lifecycle.mjs", base, TRANSPORT,
                "connectedFirst", "slowOnConnectedCompletesBeforeInvocations");
        assertAll(
                () -> {
                    JsScenario first = run.scenario("connectedFirst");
                    String id = first.string("id");
                    assertEquals(List.of(id), first.strings("firstCall"), "welcome(id) comes first: " + first);
                    assertEquals(List.of("connected", "connected-done", "invoked"), first.strings("events"),
                            first::toString);
                    assertEquals(id, first.string("whoAmI"), first::toString);
                },
                () -> {
                    JsScenario slow = run.scenario("slowOnConnectedCompletesBeforeInvocations");
                    assertEquals(List.of("connected", "connected-done", "invoked"), slow.strings("events"),
                            "An invocation must wait for the stage of @OnConnected: " + slow);
                    assertEquals("welcome(" + slow.string("id") + ")", slow.string("firstCall"), slow::toString);
                });
    }

    @Test
    void onDisconnectedRunsLastAndReachesGroups() {
        NodeRun run = NodeClient.run("lifecycle.mjs", base, TRANSPORT,
                "disconnectedLast", "onDisconnectedReachesTheRemainingMembers");
        assertAll(
                () -> {
                    JsScenario last = run.scenario("disconnectedLast");
                    String id = last.string("id");
                    assertNull(last.string("closed"), "stop() is a clean close: " + last);
                    assertEquals(List.of(id, "null"), last.strings("watcherGot"),
                            "left(id, cause) with no cause after a clean stop: " + last);
                    assertEquals(List.of("connected", "connected-done", "invoked", "disconnected:null"),
                            last.strings("events"), last::toString);
                },
                () -> {
                    JsScenario group = run.scenario("onDisconnectedReachesTheRemainingMembers");
                    assertEquals(List.of(group.string("aId"), "null"), group.strings("bGot"),
                            "@OnDisconnected of a, sending to a's group, reaches b: " + group);
                });
    }

    @Test
    void failingOnConnectedClosesTheConnectionWithAnError() {
        JsScenario failing = NodeClient.run("lifecycle.mjs", base, TRANSPORT, "failingOnConnected")
                .scenario("failingOnConnected");
        assertAll(
                () -> assertEquals(CLOSED_WITH_ERROR,
                        failing.bool("started") ? failing.string("closed") : failing.string("startError"),
                        failing::toString),
                () -> assertEquals("connected", failing.strings("events").get(0), failing::toString),
                () -> assertFalse(failing.strings("events").contains("connected-done"), failing::toString));
    }

    @Test
    void lifecycleMethodsCannotBeInvoked() {
        JsScenario notCallable = NodeClient.run("lifecycle.mjs", base, TRANSPORT, "lifecycleMethodsAreNotHubMethods")
                .scenario("lifecycleMethodsAreNotHubMethods");
        assertAll(
                () -> assertEquals("Failed to invoke 'connected' due to an error on the server. "
                                + "HubException: Method does not exist.",
                        notCallable.string("connected"), notCallable::toString),
                () -> assertEquals("Failed to invoke 'disconnected' due to an error on the server. "
                                + "HubException: Method does not exist.",
                        notCallable.string("disconnected"), notCallable::toString));
    }
}
