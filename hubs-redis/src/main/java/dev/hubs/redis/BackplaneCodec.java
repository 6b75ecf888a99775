package dev.hubs.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link BackplaneMessage}: a version byte, a kind byte, then the fields in order; strings are a
 * length and UTF-8, lists a count and their strings, the invocation's payload a length and the bytes as the
 * protocol wrote them (they are never parsed on the way).
 *
 * <p>The version changes whenever the layout does; a server drops (and logs) a message of another version, so a
 * rolling update between incompatible versions loses cross-server messages instead of misreading them.
 */
final class BackplaneCodec {

    /** The layout version. */
    static final int VERSION = 1;

    private static final int INVOCATION = 1;
    private static final int GROUP_COMMAND = 2;
    private static final int ACK = 3;

    private BackplaneCodec() {
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return its bytes
     */
    static byte[] encode(BackplaneMessage message) {
        int size = message instanceof BackplaneMessage.Invocation i ? i.payload().length + 64 : 64;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (message instanceof BackplaneMessage.Invocation m) {
                out.writeByte(INVOCATION);
                writeString(out, m.origin());
                out.writeByte(m.target().ordinal());
                writeList(out, m.names());
                writeList(out, m.excluded());
                writeString(out, m.protocol());
                out.writeInt(m.payload().length);
                out.write(m.payload());
            } else if (message instanceof BackplaneMessage.GroupCommand m) {
                out.writeByte(GROUP_COMMAND);
                writeString(out, m.origin());
                out.writeLong(m.requestId());
                out.writeBoolean(m.add());
                writeString(out, m.connectionId());
                writeString(out, m.group());
            } else if (message instanceof BackplaneMessage.Ack m) {
                out.writeByte(ACK);
                writeString(out, m.origin());
                out.writeLong(m.requestId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a message.
     *
     * @param bytes the bytes of a pub/sub message
     * @return the message
     * @throws IllegalArgumentException when the bytes are not a message of this version
     */
    static BackplaneMessage decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("a message of layout version " + version + " (this server reads "
                        + VERSION + "): the servers run different versions of hubs-redis");
            }
            int kind = in.readUnsignedByte();
            String origin = readString(in);
            BackplaneMessage message = switch (kind) {
                case INVOCATION -> {
                    BackplaneMessage.Target target = BackplaneMessage.Target.values()[in.readUnsignedByte()];
                    List<String> names = readList(in);
                    List<String> excluded = readList(in);
                    String protocol = readString(in);
                    byte[] payload = new byte[length(in)];
                    in.readFully(payload);
                    yield new BackplaneMessage.Invocation(origin, target, names, excluded, protocol, payload);
                }
                case GROUP_COMMAND -> new BackplaneMessage.GroupCommand(origin, in.readLong(), in.readBoolean(),
                        readString(in), readString(in));
                case ACK -> new BackplaneMessage.Ack(origin, in.readLong());
                default -> throw new IllegalArgumentException("an unknown message kind " + kind);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException("a message with " + in.available() + " unexpected trailing bytes");
            }
            return message;
        } catch (IOException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("a truncated or malformed message", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[length(in)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Reads a length, refusing one longer than what is left: a malformed message must not allocate gigabytes. */
    private static int length(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad length " + length);
        }
        return length;
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("bad list length " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return List.copyOf(values);
    }
}
