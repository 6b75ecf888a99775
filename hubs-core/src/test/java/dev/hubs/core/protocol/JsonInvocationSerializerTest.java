package dev.hubs.core.protocol;

import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.RecordingChannel;
import dev.hubs.spi.ClientInvocation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a backplane relies on: the bytes it sends are the record connections write, serialized once, and the
 * invocation made from received bytes is written by connections as it came, without serializing it again.
 */
class JsonInvocationSerializerTest {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonHubProtocol PROTOCOL = new JsonHubProtocol(JsonProvider.provider(), JSONB);
    private static final JsonInvocationSerializer SERIALIZER =
            new JsonInvocationSerializer(JsonProvider.provider(), PROTOCOL);

    @AfterAll
    static void closeJsonb() throws Exception {
        JSONB.close();
    }

    @Test
    void serializeGivesTheRecordConnectionsWriteAndSharesItWithThem() {
        ClientInvocation invocation = new ClientInvocation("receive", "h\u00e9llo", 7);
        byte[] bytes = SERIALIZER.serialize(invocation);
        String record = "{\"type\":1,\"target\":\"receive\",\"arguments\":[\"h\u00e9llo\",7]}\u001e";
        assertArrayEquals(record.getBytes(StandardCharsets.UTF_8), bytes);

        RecordingChannel channel = RecordingChannel.sync();
        HubConnectionContext connection = connection("c1", channel);
        connection.send(invocation);
        String cached = invocation.serialized(JsonHubProtocol.NAME, i -> {
            throw new AssertionError("serialized twice");
        });
        assertSame(cached, channel.writes().get(0), "the connection wrote the form the serializer made");
    }

    @Test
    void aDeserializedInvocationIsWrittenAsItCameByEveryConnection() {
        String record = "{\"type\":1,\"target\":\"receive\",\"arguments\":[\"a\",{\"x\":1}]}\u001e";
        ClientInvocation received = SERIALIZER.deserialize(record.getBytes(StandardCharsets.UTF_8));
        RecordingChannel one = RecordingChannel.sync();
        RecordingChannel two = RecordingChannel.sync();
        connection("c1", one).send(received);
        connection("c2", two).send(received);
        assertEquals(record, one.writes().get(0));
        assertSame(one.writes().get(0), two.writes().get(0), "one string for every connection of the server");
    }

    @Test
    void methodAndArgumentsAreDecodedOnlyWhenAskedFor() {
        ClientInvocation sent = new ClientInvocation("receive", "text", true, 2.5, List.of("x"), Map.of("k", "v"));
        ClientInvocation received = SERIALIZER.deserialize(SERIALIZER.serialize(sent));
        assertEquals("receive", received.method());
        assertEquals(5, received.argumentCount());
        assertEquals("text", received.argument(0));
        assertEquals(true, received.argument(1));
        assertEquals(0, new BigDecimal("2.5").compareTo((BigDecimal) received.argument(2)));
        assertEquals(List.of("x"), received.argument(3));
        assertEquals(Map.of("k", "v"), received.argument(4));
        assertEquals(new ClientInvocation("m", "a", "b"),
                SERIALIZER.deserialize(SERIALIZER.serialize(new ClientInvocation("m", "a", "b"))));
    }

    @Test
    void bytesThatAreNotAnInvocationFailWhenDecoded() {
        ClientInvocation broken = SERIALIZER.deserialize("{\"type\":6}\u001e".getBytes(StandardCharsets.UTF_8));
        assertThrows(HubProtocolException.class, broken::method);
    }

    private static HubConnectionContext connection(String id, RecordingChannel channel) {
        HubConnectionContext connection = new HubConnectionContext(id, "t-" + id, PROTOCOL, 10, x -> { }, e -> { });
        connection.attach(channel);
        connection.handshakeCompleted();
        return connection;
    }
}
