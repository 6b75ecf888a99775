package dev.hubs.core.protocol;

/**
 * The ASCII record separator {@code 0x1E} that ends every JSON record of SignalR. It can never appear inside a
 * valid JSON text (control characters in strings must be escaped), so splitting on it is safe.
 */
public final class RecordSeparator {

    /** The separator as a char. */
    public static final char CHAR = '\u001e';

    /** The separator as a string. */
    public static final String STRING = "\u001e";

    private RecordSeparator() {
    }
}
