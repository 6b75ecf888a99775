package dev.hubs.bench.load.ws;

import java.util.Arrays;

/**
 * A growable byte buffer for ASCII text: the load generator builds each outgoing message in one of these, without
 * a String or an encoder in between.
 */
public final class AsciiBuilder {

    private byte[] bytes;
    private int length;

    /**
     * Creates a builder.
     *
     * @param capacity the initial capacity
     */
    public AsciiBuilder(int capacity) {
        this.bytes = new byte[capacity];
    }

    /**
     * Empties the builder.
     *
     * @return this
     */
    public AsciiBuilder reset() {
        length = 0;
        return this;
    }

    /**
     * Appends ASCII text.
     *
     * @param text the text; every character must be ASCII
     * @return this
     */
    public AsciiBuilder append(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    /**
     * Appends bytes.
     *
     * @param source the bytes
     * @return this
     */
    public AsciiBuilder append(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, length, source.length);
        length += source.length;
        return this;
    }

    /**
     * Appends a range of bytes.
     *
     * @param source the bytes
     * @param offset where the range starts
     * @param count  how many
     * @return this
     */
    public AsciiBuilder append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    /**
     * Appends one byte.
     *
     * @param b the byte
     * @return this
     */
    public AsciiBuilder append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    /**
     * Appends a non-negative number in decimal.
     *
     * @param value the number
     * @return this
     */
    public AsciiBuilder append(long value) {
        if (value < 0) {
            return append(Long.toString(value));
        }
        ensure(20);
        if (value == 0) {
            bytes[length++] = '0';
            return this;
        }
        int start = length;
        long v = value;
        while (v > 0) {
            bytes[length++] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /**
     * The bytes; valid up to {@link #length()}.
     *
     * @return the backing array
     */
    public byte[] array() {
        return bytes;
    }

    /**
     * How many bytes were appended.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
