package dev.hubs.it.protocol;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How records and frames relate, and the messages the official clients send in ways a naive server would miss:
 * several records in one frame, a record over two frames, {@code type} last, invocations without id, pings.
 */
@ExtendWith(ArquillianExtension.class)
class FramingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(FramingIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private RawHub hub;
    private RawConnection connection;

    @BeforeEach
    void hub() {
        hub = new RawHub(base, "echo");
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void handshakeAndTwoInvocationsInOneFrame() {
        connection = hub.open(hub.negotiateV1().getString("connectionToken"));

        connection.send(RawHub.JSON_HANDSHAKE
                + invocation("1", "echo", "\"first\"")
                + invocation("2", "add", "20,22"));

        assertEquals("{}", connection.nextRecord());
        Map<String, JsonObject> completions = completions(2);
        assertResult("\"first\"", completions.get("1"));
        assertResult("42", completions.get("2"));
    }

    @Test
    void twoInvocationsInOneFrame() {
        connection = hub.connect();

        connection.send(invocation("a", "echo", "\"one\"") + invocation("b", "echo", "\"two\""));

        Map<String, JsonObject> completions = completions(2);
        assertResult("\"one\"", completions.get("a"));
        assertResult("\"two\"", completions.get("b"));
    }

    @Test
    void recordSplitOverTwoFrames() {
        connection = hub.connect();

        String record = invocation("s", "echo", "\"split\"");
        int middle = record.indexOf("echo") + 2;
        connection.send(record.substring(0, middle));
        connection.send(record.substring(middle));

        assertResult("\"split\"", connection.nextMessage());
    }

    @Test
    void typeMayComeLast() {
        connection = hub.connect();

        connection.send("{\"invocationId\":\"late\",\"target\":\"echo\",\"arguments\":[\"last\"],\"type\":1}" + RS);

        JsonObject completion = connection.nextMessage();
        assertEquals("late", completion.getString("invocationId"), completion.toString());
        assertResult("\"last\"", completion);
    }

    @Test
    void argumentsMayComeBeforeTarget() {
        connection = hub.connect();

        // The JavaScript client's key order.
        connection.send("{\"arguments\":[\"js\"],\"invocationId\":\"0\",\"target\":\"echo\",\"type\":1}" + RS);

        assertResult("\"js\"", connection.nextMessage());
    }

    @Test
    void invocationWithoutIdGetsNoCompletion() {
        connection = hub.connect();

        connection.send("{\"type\":1,\"target\":\"echo\",\"arguments\":[\"fire and forget\"]}" + RS);
        connection.send(invocation("after", "echo", "\"answered\""));

        JsonObject next = connection.nextMessage();
        assertEquals("after", next.getString("invocationId", null),
                "the first message after an invocation without id must answer the next invocation: " + next);
        assertResult("\"answered\"", next);
    }

    @Test
    void voidMethodCompletesWithNullResult() {
        connection = hub.connect();

        connection.send(invocation("v", "noArgs", ""));

        JsonObject completion = connection.nextMessage();
        assertEquals(3, completion.getInt("type"), completion.toString());
        assertEquals("v", completion.getString("invocationId"), completion.toString());
        assertFalse(completion.containsKey("error"), completion.toString());
        // ASP.NET Core writes "result":null for a void method (CompletionMessage.WithResult(id, null)).
        assertTrue(completion.containsKey("result"), "no result property: " + completion);
        assertEquals(JsonValue.NULL, completion.get("result"), completion.toString());
    }

    @Test
    void pingIsAccepted() {
        connection = hub.connect();

        connection.send(RawConnection.PING + RS);
        connection.send(invocation("p", "echo", "\"after ping\""));

        assertResult("\"after ping\"", connection.nextMessage());
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[" + arguments
                + "]}" + RS;
    }

    /** Reads that many messages, all of them completions, by invocation id (their order is not the point). */
    private Map<String, JsonObject> completions(int count) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonObject message = connection.nextMessage();
            assertEquals(3, message.getInt("type", -1), "not a completion: " + message);
            byId.put(message.getString("invocationId"), message);
        }
        return byId;
    }

    /** A Completion with that result (as JSON text) and nothing else: no error, no headers. */
    private static void assertResult(String expectedJson, JsonObject completion) {
        assertTrue(completion != null, "no completion");
        assertEquals(3, completion.getInt("type", -1), "not a completion: " + completion);
        assertFalse(completion.containsKey("error"), completion.toString());
        assertFalse(completion.containsKey("headers"), "the Java client rejects headers: " + completion);
        assertEquals(RawHub.parseValue(expectedJson), completion.get("result"), completion.toString());
    }
}
