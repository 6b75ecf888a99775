package dev.hubs.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Searching and number parsing in ASCII bytes, so that the load generator reads replies without making Strings.
 */
final class Ascii {

    private Ascii() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The first position of {@code pattern} in {@code b[from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end, byte[] pattern) {
        byte first = pattern[0];
        int last = end - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The first position of {@code value} in {@code b[from, end)}, or -1. */
    static int indexOf(byte[] b, int from, int end, byte value) {
        for (int i = from; i < end; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[from, end)} starts with {@code prefix}. */
    static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number at {@code from} (digits up to the first other byte); -1 when there is none. */
    static long parseLong(byte[] b, int from, int end) {
        long value = 0;
        int i = from;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            value = value * 10 + (b[i] - '0');
            i++;
        }
        return i == from ? -1 : value;
    }

    /** Where the digits at {@code from} end. */
    static int skipDigits(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    static String string(byte[] b, int from, int end) {
        return new String(b, from, Math.max(0, end - from), StandardCharsets.UTF_8);
    }
}
