package dev.hubs.it.js;

import dev.hubs.it.fixtures.LifecycleHub;
import dev.hubs.it.fixtures.LifecycleLog;
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

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @OnConnected} and {@code @OnDisconnected} with the official JavaScript client (script {@code lifecycle.mjs},
 * hub {@link LifecycleHub}): their order relative to invocations, recorded server side in {@link LifecycleLog}; what
 * they send; a failing {@code @OnConnected}; and that clients cannot call them.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleJsIT {

    /** What the JavaScript client reports when the server closes the connection with an error. */
    static final String CLOSED_WITH_ERROR = "Server returned an error on close: Connection closed with an error.";

    /** What the JavaScript client reports when a POST of its finds the connection gone. */
    private static final String PING_POST_REFUSED = "No Connection with that ID: Status code '404'";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(LifecycleJsIT.class, LifecycleHub.class, LifecycleLog.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void onConnectedRunsBeforeInvocationsAndItsMessageComesFirst(Transport transport) {
        NodeRun run = NodeClient.run("lifecycle.mjs", base, transport,
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

    @OverEveryTransport
    void onDisconnectedRunsLastAndReachesGroups(Transport transport) {
        NodeRun run = NodeClient.run("lifecycle.mjs", base, transport,
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

    /**
     * An exception in {@code @OnConnected} ends the connection with SignalR's error Close, which the client reports
     * (through {@code start()} when the Close arrives before the client has finished starting, else through
     * {@code onclose}).
     *
     * <p>Over Server-Sent Events the client may report something else, for a reason of the protocol, not of the
     * server: right after the handshake it sends its first Ping in a POST, and {@code start()} waits for that POST.
     * By then the server has ended the connection and forgotten it, as the SignalR server does once the event stream
     * is over, so the POST gets 404, and {@code start()} fails with that when the POST's answer is handled before
     * the Close that comes on the event stream. Both orders occur. Over WebSockets the Ping goes on the socket, and a
     * long-polling client sends none: there the client always reports the Close.
     */
    @OverEveryTransport
    void failingOnConnectedClosesTheConnectionWithAnError(Transport transport) {
        JsScenario failing = NodeClient.run("lifecycle.mjs", base, transport, "failingOnConnected")
                .scenario("failingOnConnected");
        String reported = failing.bool("started") ? failing.string("closed") : failing.string("startError");
        boolean pingPostRefused = transport == Transport.ServerSentEvents && !failing.bool("started")
                && PING_POST_REFUSED.equals(reported);
        assertAll(
                () -> assertTrue(CLOSED_WITH_ERROR.equals(reported) || pingPostRefused,
                        () -> "expected <" + CLOSED_WITH_ERROR + ">"
                                + (transport == Transport.ServerSentEvents
                                        ? " or, from start(), <" + PING_POST_REFUSED + ">" : "")
                                + " but was <" + reported + ">. " + failing),
                () -> assertEquals("connected", failing.strings("events").get(0), failing::toString),
                () -> assertFalse(failing.strings("events").contains("connected-done"), failing::toString));
    }

    @OverEveryTransport
    void lifecycleMethodsCannotBeInvoked(Transport transport) {
        JsScenario notCallable = NodeClient.run("lifecycle.mjs", base, transport, "lifecycleMethodsAreNotHubMethods")
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
