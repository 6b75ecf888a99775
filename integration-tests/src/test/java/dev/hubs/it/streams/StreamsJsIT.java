package dev.hubs.it.streams;

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

import static dev.hubs.it.support.JsScenario.json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams both ways with the official JavaScript client (script {@code streams.mjs}) on {@code StreamHub}, over
 * WebSockets, Server-Sent Events and long polling: a {@code Flow.Publisher} result arrives in order and completes;
 * disposing the subscription cancels the publisher on the server, and so does stopping the connection (the server's
 * own record of the publisher says so); uploads with {@code signalR.Subject} reach the hub whole, several at once,
 * or with the client's error; a stream made from an upload; and SignalR's texts for calling a method the wrong way
 * and for a failing publisher. The publisher measures how far ahead the server asks: never more than the stream
 * buffer (10 by default).
 */
@ExtendWith(ArquillianExtension.class)
class StreamsJsIT {

    /** The default {@code stream-buffer-capacity}. */
    private static final int STREAM_BUFFER = 10;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(StreamsJsIT.class, StreamFixtures.streams());
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsBothWays(Transport transport) {
        NodeRun run = NodeClient.run("streams.mjs", base, transport);

        JsScenario items = run.scenario("items");
        assertAll(transport + ": items",
                () -> assertEquals(json("{\"items\":[0,1,2,3,4],\"error\":null}"), items.value("five"),
                        items::toString),
                () -> assertEquals(json("{\"count\":2000,\"inOrder\":true,\"error\":null}"), items.value("many"),
                        items::toString),
                () -> assertEquals("completed", items.string("manyStats.outcome"), items::toString),
                () -> assertEquals(2000, items.number("manyStats.emitted"), items::toString),
                () -> assertTrue(items.number("manyStats.maxOutstanding") <= STREAM_BUFFER,
                        "the server never asks more than the stream buffer ahead: " + items));

        JsScenario cancel = run.scenario("cancel");
        assertAll(transport + ": cancel",
                () -> assertEquals(List.of("0", "1", "2"), cancel.strings("firstItems"), cancel::toString),
                () -> assertEquals("cancelled", cancel.string("outcome"),
                        "disposing the subscription cancels the publisher on the server: " + cancel),
                () -> assertTrue(cancel.number("stats.emitted") < 1000000, cancel::toString),
                () -> assertTrue(cancel.number("stats.maxOutstanding") <= STREAM_BUFFER, cancel::toString),
                () -> assertEquals("still here", cancel.string("stillUsable"), cancel::toString));

        JsScenario stop = run.scenario("stopCancels");
        assertEquals("cancelled", stop.string("outcome"),
                transport + ": stopping the connection cancels its streams on the server: " + stop);

        JsScenario upload = run.scenario("upload");
        assertAll(transport + ": upload",
                () -> assertEquals("Hello, uploaded world", upload.string("concat"), upload::toString),
                () -> assertTrue(upload.bool("manyMatches"), "200 items, in order: " + upload),
                () -> assertEquals(6 + 2 * 30, upload.number("sum"), "two uploads of one invocation: " + upload),
                () -> assertEquals("An unexpected error occurred invoking 'concat' on the server. HubException: "
                        + "the client gave up", upload.string("uploadError"), upload::toString),
                () -> assertEquals("still here", upload.string("stillUsable"), upload::toString));

        JsScenario bothWays = run.scenario("bothWays");
        assertEquals(json("{\"items\":[\"STREAMS\",\"BOTH\",\"WAYS\"],\"error\":null}"), bothWays.value("upper"),
                transport + ": " + bothWays);

        JsScenario errors = run.scenario("errors");
        assertAll(transport + ": errors",
                () -> assertEquals("The client attempted to invoke the streaming 'counter' method with a "
                        + "non-streaming invocation.", errors.string("streamingInvoked"), errors::toString),
                () -> assertEquals("The client attempted to invoke the non-streaming 'echo' method with a "
                        + "streaming invocation.", errors.string("plainStreamed"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'concat' on the server. HubException: "
                        + "Client sent 0 stream(s), Hub method expects 1.", errors.string("missingUpload"),
                        errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'upper' on the server. HubException: "
                        + "Client sent 0 stream(s), Hub method expects 1.", errors.string("missingUploadOfStream"),
                        errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'echo' on the server. HubException: "
                        + "Client sent 1 stream(s), Hub method expects 0.", errors.string("unexpectedUpload"),
                        errors::toString),
                () -> assertEquals(json("{\"items\":[\"0\",\"1\"],\"error\":\"An error occurred on the server while "
                        + "streaming results. HubException: the stream broke\"}"), errors.value("hubException"),
                        errors::toString),
                () -> assertEquals(json("{\"items\":[\"0\",\"1\"],\"error\":\"An error occurred on the server while "
                        + "streaming results.\"}"), errors.value("crash"),
                        "no detail of other exceptions: " + errors),
                () -> assertEquals("still here", errors.string("stillUsable"), errors::toString));
    }
}
