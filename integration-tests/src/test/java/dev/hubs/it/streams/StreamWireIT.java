package dev.hubs.it.streams;

import dev.hubs.it.fixtures.streams.ImpatientHub;
import dev.hubs.it.fixtures.streams.StreamFixtures;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records of streams and client results on the wire, written and read byte by byte over a WebSocket: the exact
 * StreamItem and Completion records of a short stream, the empty Completion that answers a CancelInvocation (as
 * SignalR sends it), uploads fed by StreamItem and ended by Completion (also with {@code type} last, and with an
 * error), ids already in use, SignalR's mismatch texts, a failing publisher, and the Invocation a client result
 * sends and the Completion that answers it.
 */
@ExtendWith(ArquillianExtension.class)
class StreamWireIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(Deployments.hubWar(StreamWireIT.class, StreamFixtures.all()),
                ImpatientHub.CONFIG);
    }

    @ArquillianResource
    URL base;

    @Test
    void shortStreamIsItemsThenAnEmptyCompletion() {
        try (RawConnection connection = new RawHub(base, "streams").connect()) {
            connection.send(record("{\"type\":4,\"invocationId\":\"s1\",\"target\":\"counter\",\"arguments\":[\""
                    + key() + "\",3]}"));

            assertEquals(List.of(
                    "{\"type\":2,\"invocationId\":\"s1\",\"item\":0}",
                    "{\"type\":2,\"invocationId\":\"s1\",\"item\":1}",
                    "{\"type\":2,\"invocationId\":\"s1\",\"item\":2}",
                    "{\"type\":3,\"invocationId\":\"s1\"}"), records(connection, 4));
        }
    }

    @Test
    void cancelInvocationIsAnsweredByAnEmptyCompletion() {
        try (RawConnection connection = new RawHub(base, "streams").connect()) {
            String key = key();
            connection.send(record("{\"type\":4,\"invocationId\":\"c1\",\"target\":\"counter\",\"arguments\":[\""
                    + key + "\",1000000]}"));
            assertEquals("{\"type\":2,\"invocationId\":\"c1\",\"item\":0}", next(connection));

            connection.send(record("{\"type\":5,\"invocationId\":\"c1\"}"));
            // Items already on their way arrive first, in order; then the stream's end.
            int expected = 1;
            String record;
            while ((record = next(connection)).startsWith("{\"type\":2,")) {
                assertEquals("{\"type\":2,\"invocationId\":\"c1\",\"item\":" + expected + "}", record);
                expected++;
            }
            assertEquals("{\"type\":3,\"invocationId\":\"c1\"}", record, "the answer to CancelInvocation");

            connection.send(record("{\"type\":1,\"invocationId\":\"o1\",\"target\":\"outcome\",\"arguments\":[\""
                    + key + "\"]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"o1\",\"result\":\"cancelled\"}", next(connection),
                    "the publisher on the server was cancelled");
        }
    }

    @Test
    void uploadIsStreamItemsEndedByCompletion() {
        try (RawConnection connection = new RawHub(base, "streams").connect()) {
            connection.send(record("{\"type\":1,\"invocationId\":\"u1\",\"target\":\"concat\",\"arguments\":[],"
                    + "\"streamIds\":[\"7\"]}"));
            connection.send(record("{\"type\":2,\"invocationId\":\"7\",\"item\":\"ab\"}")
                    + record("{\"item\":\"c\",\"invocationId\":\"7\",\"type\":2}")
                    + record("{\"type\":3,\"invocationId\":\"7\"}"));
            assertEquals("{\"type\":3,\"invocationId\":\"u1\",\"result\":\"abc\"}", next(connection));

            connection.send(record("{\"type\":1,\"invocationId\":\"u2\",\"target\":\"concat\",\"arguments\":[],"
                    + "\"streamIds\":[\"8\"]}"));
            connection.send(record("{\"type\":2,\"invocationId\":\"8\",\"item\":\"partial\"}")
                    + record("{\"type\":3,\"invocationId\":\"8\",\"error\":\"the client gave up\"}"));
            assertEquals("{\"type\":3,\"invocationId\":\"u2\",\"error\":\"An unexpected error occurred invoking "
                    + "'concat' on the server. HubException: the client gave up\"}", next(connection));

            // An item for a stream that is over, or never was, is ignored: the connection carries on.
            connection.send(record("{\"type\":2,\"invocationId\":\"7\",\"item\":\"late\"}")
                    + record("{\"type\":3,\"invocationId\":\"nothing\"}")
                    + record("{\"type\":1,\"invocationId\":\"e1\",\"target\":\"echo\",\"arguments\":[\"still here\"]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"e1\",\"result\":\"still here\"}", next(connection));
        }
    }

    @Test
    void idsInUseAreRefused() {
        try (RawConnection connection = new RawHub(base, "streams").connect()) {
            // A stream of results made from upload w1: it runs until w1 ends.
            connection.send(record("{\"type\":4,\"invocationId\":\"dup\",\"target\":\"upper\",\"arguments\":[],"
                    + "\"streamIds\":[\"w1\"]}"));
            connection.send(record("{\"type\":4,\"invocationId\":\"dup\",\"target\":\"counter\",\"arguments\":[\""
                    + key() + "\",1]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"dup\",\"error\":\"Invocation ID 'dup' is already in use.\"}",
                    next(connection));
            connection.send(record("{\"type\":1,\"invocationId\":\"u3\",\"target\":\"concat\",\"arguments\":[],"
                    + "\"streamIds\":[\"w1\"]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"u3\",\"error\":\"Invocation ID 'w1' is already in use.\"}",
                    next(connection));

            // The first stream is untouched.
            connection.send(record("{\"type\":2,\"invocationId\":\"w1\",\"item\":\"first\"}"));
            assertEquals("{\"type\":2,\"invocationId\":\"dup\",\"item\":\"FIRST\"}", next(connection));
            connection.send(record("{\"type\":3,\"invocationId\":\"w1\"}"));
            assertEquals("{\"type\":3,\"invocationId\":\"dup\"}", next(connection));
        }
    }

    @Test
    void mismatchesAndFailuresHaveSignalRsTexts() {
        try (RawConnection connection = new RawHub(base, "streams").connect()) {
            connection.send(record("{\"type\":1,\"invocationId\":\"m1\",\"target\":\"counter\",\"arguments\":[\"k\",1]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"m1\",\"error\":\"The client attempted to invoke the streaming "
                    + "'counter' method with a non-streaming invocation.\"}", next(connection));

            connection.send(record("{\"type\":4,\"invocationId\":\"m2\",\"target\":\"ECHO\",\"arguments\":[\"x\"]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"m2\",\"error\":\"The client attempted to invoke the "
                    + "non-streaming 'echo' method with a streaming invocation.\"}", next(connection));

            connection.send(record("{\"type\":1,\"invocationId\":\"m3\",\"target\":\"concat\",\"arguments\":[],"
                    + "\"streamIds\":[\"a\",\"b\"]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"m3\",\"error\":\"An unexpected error occurred invoking "
                    + "'concat' on the server. HubException: Client sent 2 stream(s), Hub method expects 1.\"}",
                    next(connection));

            connection.send(record("{\"type\":4,\"invocationId\":\"f1\",\"target\":\"failing\",\"arguments\":[1,true]}"));
            assertEquals(List.of(
                    "{\"type\":2,\"invocationId\":\"f1\",\"item\":\"0\"}",
                    "{\"type\":3,\"invocationId\":\"f1\",\"error\":\"An error occurred on the server while streaming "
                            + "results. HubException: the stream broke\"}"), records(connection, 2));

            connection.send(record("{\"type\":4,\"invocationId\":\"f2\",\"target\":\"failing\",\"arguments\":[0,false]}"));
            assertEquals("{\"type\":3,\"invocationId\":\"f2\",\"error\":\"An error occurred on the server while "
                    + "streaming results.\"}", next(connection));
        }
    }

    @Test
    void clientResultIsAnInvocationAnsweredByACompletion() {
        try (RawConnection connection = new RawHub(base, "results").connect()) {
            connection.send(record("{\"type\":1,\"invocationId\":\"a1\",\"target\":\"askCaller\",\"arguments\":[\"q\"]}"));
            String first = clientResultId(connection, "q");
            connection.send(record("{\"type\":3,\"invocationId\":\"" + first + "\",\"result\":\"raw answer\"}"));
            assertEquals("{\"type\":3,\"invocationId\":\"a1\",\"result\":\"raw answer\"}", next(connection));

            connection.send(record("{\"type\":1,\"invocationId\":\"a2\",\"target\":\"askCallerOutcome\","
                    + "\"arguments\":[\"ask\",\"q2\"]}"));
            String second = clientResultId(connection, "q2");
            assertNotEquals(first, second, "every client result has its own id");
            connection.send(record("{\"type\":3,\"invocationId\":\"" + second + "\",\"error\":\"raw refusal\"}"));
            assertEquals("{\"type\":3,\"invocationId\":\"a2\",\"result\":\"HubException: raw refusal\"}",
                    next(connection));

            // A second answer to the same id, and an answer nobody asked for, are ignored.
            connection.send(record("{\"type\":3,\"invocationId\":\"" + first + "\",\"result\":\"again\"}")
                    + record("{\"type\":3,\"invocationId\":\"unasked\",\"result\":1}")
                    + record("{\"type\":1,\"invocationId\":\"w\",\"target\":\"whoAmI\",\"arguments\":[]}"));
            JsonObject who = RawHub.parse(next(connection));
            assertEquals("w", who.getString("invocationId"), who.toString());
            assertFalse(who.getString("result").isEmpty(), who.toString());
        }
    }

    /** Reads the Invocation of {@code ask(question)} a client result sends, checks it exactly, returns its id. */
    private static String clientResultId(RawConnection connection, String question) {
        String record = next(connection);
        JsonObject invocation = RawHub.parse(record);
        String id = invocation.getString("invocationId", "");
        assertTrue(!id.isEmpty(), "a client result's invocation has an id: " + record);
        assertEquals("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"ask\",\"arguments\":[\"" + question
                + "\"]}", record);
        return id;
    }

    private static List<String> records(RawConnection connection, int count) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(next(connection));
        }
        return records;
    }

    /** The next record other than a Ping. */
    private static String next(RawConnection connection) {
        String record;
        do {
            record = connection.nextRecord();
        } while (RawConnection.PING.equals(record));
        return record;
    }

    private static String record(String json) {
        return json + RS;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
