package dev.hubs.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bytes between servers: what goes in comes out, and anything else is refused with a reason, never misread. */
class BackplaneCodecTest {

    @Test
    void everyMessageKindRoundTrips() {
        byte[] payload = "{\"type\":1,\"target\":\"r\",\"arguments\":[\"\u00e9\"]}\u001e".getBytes(StandardCharsets.UTF_8);
        BackplaneMessage.Invocation invocation = new BackplaneMessage.Invocation("server-1",
                BackplaneMessage.Target.GROUPS, List.of("room", "g:2"), List.of("c1"), "json", payload);
        BackplaneMessage.Invocation decoded = (BackplaneMessage.Invocation) BackplaneCodec.decode(
                BackplaneCodec.encode(invocation));
        assertEquals(invocation.origin(), decoded.origin());
        assertEquals(invocation.target(), decoded.target());
        assertEquals(invocation.names(), decoded.names());
        assertEquals(invocation.excluded(), decoded.excluded());
        assertEquals("json", decoded.protocol());
        assertArrayEquals(payload, decoded.payload(), "the protocol bytes travel unchanged");

        BackplaneMessage.GroupCommand command = new BackplaneMessage.GroupCommand("s", 42, true, "conn", "room");
        assertEquals(command, BackplaneCodec.decode(BackplaneCodec.encode(command)));
        BackplaneMessage.Ack ack = new BackplaneMessage.Ack("s", 42);
        assertEquals(ack, BackplaneCodec.decode(BackplaneCodec.encode(ack)));
    }

    @Test
    void malformedOrForeignBytesAreRefused() {
        byte[] good = BackplaneCodec.encode(new BackplaneMessage.Ack("s", 1));
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> BackplaneCodec.decode(otherVersion));
        assertTrue(version.getMessage().contains("different versions"), version.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.decode(Arrays.copyOf(good, 5)));
        assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.decode(Arrays.copyOf(good, good.length + 1)));
        byte[] hugeLength = {1, 3, 0x7f, 0x7f, 0x7f, 0x7f};
        assertThrows(IllegalArgumentException.class, () -> BackplaneCodec.decode(hugeLength));
    }
}
