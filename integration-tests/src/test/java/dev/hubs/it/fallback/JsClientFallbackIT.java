package dev.hubs.it.fallback;

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
import java.util.Map;

import static dev.hubs.it.support.JsScenario.sorted;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The official JavaScript client ({@code @microsoft/signalr}, run by Node; script {@code fallback.mjs}) forced onto
 * each transport: the same results, targets and error texts over Server-Sent Events and long polling as over
 * WebSockets, and {@code HubCallerContext.transport()} naming the transport the client chose.
 */
@ExtendWith(ArquillianExtension.class)
class JsClientFallbackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(JsClientFallbackIT.class, TransportHub.class, DisconnectLog.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void serverSentEvents() {
        assertSameSemantics(Transport.ServerSentEvents);
    }

    @Test
    void longPolling() {
        assertSameSemantics(Transport.LongPolling);
    }

    @Test
    void webSocketsForComparison() {
        assertSameSemantics(Transport.WebSockets);
    }

    private void assertSameSemantics(Transport transport) {
        NodeRun run = NodeClient.run("fallback.mjs", base, transport);

        JsScenario invocations = run.scenario("invocations");
        assertAll(
                () -> assertEquals(transport.name(), invocations.string("transport"),
                        "HubCallerContext.transport(). " + invocations),
                () -> assertEquals("hello", invocations.string("echo"), invocations::toString),
                () -> assertEquals(invocations.string("connectionId"), invocations.string("whoAmI"),
                        invocations::toString));

        JsScenario targets = run.scenario("targets");
        assertAll(
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(to all)"),
                                "b", List.of("receive(to all)"),
                                "c", List.of("receive(to all)"))),
                        targets.callsByConnection("all"), "all(): " + targets),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of("receive(to others)"),
                                "c", List.of("receive(to others)"))),
                        targets.callsByConnection("others"), "others() from a: " + targets),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of("receive(1)", "receive(2)", "receive(3)"),
                                "c", List.of())),
                        targets.callsByConnection("client"), "client(b), three times: " + targets));

        JsScenario errors = run.scenario("errors");
        assertAll(
                () -> assertEquals("Failed to invoke 'missing' due to an error on the server. "
                        + "HubException: Method does not exist.", errors.string("missing"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                        errors.string("fail"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'crash' on the server.",
                        errors.string("crash"), errors::toString),
                () -> assertFalse(errors.string("crash").contains("secret detail"), errors::toString),
                () -> assertEquals("still here", errors.string("stillUsable"), errors::toString),
                () -> assertEquals("Connected", errors.string("state"), errors::toString));
    }
}
