package dev.hubs.it.streams;

import dev.hubs.it.fixtures.streams.ImpatientHub;
import dev.hubs.it.fixtures.streams.StreamFixtures;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.NodeRun;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client results with the official JavaScript client (script {@code results.mjs}) on {@code ResultsHub} and
 * {@code ImpatientHub}, over WebSockets, Server-Sent Events and long polling: a handler of {@code connection.on(...)}
 * returning a value (or a promise) answers {@code ClientProxy.invoke} of the caller or of another client, and a typed
 * client method returning {@code CompletionStage<T>}; a hub method that asks its own caller and returns (or composes)
 * the stage completes; a handler that throws, a missing handler, an unknown connection, a client that leaves and one
 * that never answers (one-second {@code client-result-timeout}) each fail the hub's stage with their own exception
 * and text, and the connections carry on.
 */
@ExtendWith(ArquillianExtension.class)
class ClientResultsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.fallbackWar(ClientResultsJsIT.class, StreamFixtures.results()),
                ImpatientHub.CONFIG);
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void clientsAnswerTheHub(Transport transport) {
        NodeRun run = NodeClient.run("results.mjs", base, transport);

        JsScenario caller = run.scenario("callerAnswers");
        assertAll(transport + ": the caller answers",
                () -> assertEquals("a answers q1", caller.string("askCaller"), caller::toString),
                () -> assertEquals("a answers q2 / a answers a answers q2", caller.string("askCallerTwice"),
                        "two questions in a row, composed, in one invocation: " + caller),
                () -> assertEquals("answer: later: q3", caller.string("promised"),
                        "a handler returning a promise: " + caller),
                () -> assertEquals("HubException: Client didn't provide a result.",
                        caller.string("callerWithoutHandler"), caller::toString));

        JsScenario other = run.scenario("otherClient");
        assertAll(transport + ": another client answers",
                () -> assertEquals("answer: b answers q", other.string("answer"), other::toString),
                () -> assertEquals("HubException: Error: b will not say", other.string("clientError"),
                        "the client's error text: " + other),
                () -> assertEquals("HubException: Client didn't provide a result.", other.string("noHandler"),
                        other::toString),
                () -> assertEquals("IOException: Connection 'no-such-connection' does not exist.",
                        other.string("unknownConnection"), other::toString),
                () -> assertEquals(List.of("UnsupportedOperationException", "UnsupportedOperationException"),
                        other.strings("several"), "all() and a typed others() cannot ask for results: " + other),
                () -> assertTrue(other.bool("bStillUsable"), other::toString));

        JsScenario leaves = run.scenario("askedClientLeaves");
        assertAll(transport + ": the asked client leaves",
                () -> assertEquals("q", leaves.string("asked"), leaves::toString),
                () -> assertEquals("IOException: Connection '" + leaves.string("bId") + "' disconnected.",
                        leaves.string("outcome"), leaves::toString));

        JsScenario typed = run.scenario("typedClient");
        assertAll(transport + ": typed client",
                () -> assertEquals(42, typed.number("add"), typed::toString),
                () -> assertEquals(List.of("ada", "tagged"), typed.strings("tags"), typed::toString));

        JsScenario timeout = run.scenario("timeout");
        assertAll(transport + ": timeout",
                () -> assertEquals("TimeoutException: Client '" + timeout.string("id") + "' did not answer 'never' "
                        + "within the client result timeout", timeout.string("outcome"), timeout::toString),
                () -> assertEquals("still here", timeout.string("stillUsable"), timeout::toString));
    }
}
