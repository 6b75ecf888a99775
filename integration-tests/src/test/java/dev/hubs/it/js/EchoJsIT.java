package dev.hubs.it.js;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static dev.hubs.it.support.JsScenario.json;
import static dev.hubs.it.support.JsScenario.sorted;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The official JavaScript client against {@link EchoHub} (script {@code echo.mjs}): results, argument binding,
 * case-insensitive method names, all/others/client, SignalR's error texts, and connecting without negotiate. It also
 * proves the Node harness itself.
 */
@ExtendWith(ArquillianExtension.class)
class EchoJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(EchoJsIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void invocationsAndResults(Transport transport) {
        NodeRun run = NodeClient.run("echo.mjs", base, transport, "invocations", "roundTrips");

        JsScenario invocations = run.scenario("invocations");
        assertAll(
                () -> assertEquals("hello", invocations.string("echo"), invocations::toString),
                () -> assertEquals(42, invocations.number("add"), invocations::toString),
                () -> assertEquals("later: soon", invocations.string("delayedEcho"), invocations::toString),
                () -> assertNull(invocations.string("noArgs"), invocations::toString),
                () -> assertEquals("shout", invocations.string("upperCase"), "ECHO must find echo. " + invocations),
                () -> assertEquals("mixed", invocations.string("mixedCase"), "eChO must find echo. " + invocations),
                () -> assertEquals(invocations.string("connectionId"), invocations.string("whoAmI"),
                        "The hub's connection id must be the client's (from negotiate). " + invocations));

        JsScenario roundTrips = run.scenario("roundTrips");
        assertAll(
                () -> assertEquals(json("{\"name\":\"Ada\",\"age\":36,\"tags\":[\"math\",\"engines\"],"
                        + "\"scores\":{\"chess\":3,\"go\":7}}"), roundTrips.value("person"), roundTrips::toString),
                () -> assertEquals(json("{\"street\":\"Rue de la Paix\",\"number\":7,\"verified\":true}"),
                        roundTrips.value("address"), roundTrips::toString));
    }

    @OverEveryTransport
    void allOthersAndOneClient(Transport transport) {
        JsScenario targets = NodeClient.run("echo.mjs", base, transport, "targets").scenario("targets");
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
                                "b", List.of("direct(for b only)"),
                                "c", List.of())),
                        targets.callsByConnection("client"), "client(b): " + targets));
    }

    @OverEveryTransport
    void errorTextsAndTheConnectionStaysOpen(Transport transport) {
        JsScenario errors = NodeClient.run("echo.mjs", base, transport, "errors").scenario("errors");
        assertAll(
                () -> assertEquals("Failed to invoke 'missing' due to an error on the server. "
                                + "HubException: Method does not exist.",
                        errors.string("missing"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                        errors.string("fail"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                        errors.string("failInOtherCase"), "The text names the method as declared. " + errors),
                () -> assertEquals("An unexpected error occurred invoking 'crash' on the server.",
                        errors.string("crash"), errors::toString),
                () -> assertFalse(errors.string("crash").contains("secret detail"), errors::toString),
                () -> assertEquals("still here", errors.string("stillUsable"), errors::toString),
                () -> assertEquals("Connected", errors.string("state"), errors::toString));
    }

    /**
     * WebSockets only: skipping negotiation is a WebSockets feature in SignalR (the other transports need the
     * connection token that negotiate hands out, and the clients refuse skipNegotiation with any other transport).
     */
    @Test
    void webSocketsWithoutNegotiate() {
        JsScenario skip = NodeClient.run("echo.mjs", base, Transport.WebSockets, "skipNegotiation")
                .scenario("skipNegotiation");
        assertAll(
                () -> assertEquals("direct", skip.string("echo"), skip::toString),
                () -> assertEquals(5, skip.number("add"), skip::toString),
                () -> assertNotNull(skip.string("firstId"), skip::toString),
                () -> assertFalse(skip.string("firstId").isBlank(), skip::toString),
                () -> assertNotEquals(skip.string("firstId"), skip.string("secondId"),
                        "Each connection must get its own id. " + skip));
    }
}
