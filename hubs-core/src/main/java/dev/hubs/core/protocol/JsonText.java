package dev.hubs.core.protocol;

/**
 * Writes JSON string literals. Kept by hand rather than through a generator because it runs for every message
 * sent and only ever needs quoting and escaping.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /**
     * Appends {@code value} as a quoted JSON string.
     *
     * @param out   where to write
     * @param value the string; must not be {@code null}
     */
    public static void appendString(StringBuilder out, String value) {
        out.append('"');
        int start = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                // Control characters must be escaped in JSON; U+2028/9 are escaped too, so that the text is
                // also valid JavaScript source wherever a client embeds it.
                escape = switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> null;
                };
                if (escape == null) {
                    out.append(value, start, i).append("\\u")
                            .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    start = i + 1;
                    continue;
                }
            }
            if (escape != null) {
                out.append(value, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(value, start, length).append('"');
    }

    /**
     * Returns {@code value} as a quoted JSON string.
     *
     * @param value the string
     * @return the JSON literal
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendString(out, value);
        return out.toString();
    }
}
