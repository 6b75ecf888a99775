package dev.hubs.cdi.config;

import dev.hubs.core.negotiate.TransportType;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses option values written the way people write them: durations as {@code 15s}, {@code 500ms}, {@code 2m},
 * {@code 1h} or ISO-8601 {@code PT15S}; sizes as {@code 32768}, {@code 32KB}, {@code 1MB}; booleans as
 * {@code true}/{@code false}.
 */
public final class OptionValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#\\s:]+(:\\d{1,5})?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb)?");

    private OptionValues() {
    }

    /**
     * Parses a duration.
     *
     * @param text the value
     * @return the duration
     * @throws IllegalArgumentException with the expected forms
     */
    public static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (value.startsWith("pt") || value.startsWith("p")) {
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                // fall through to the common error
            }
        }
        throw new IllegalArgumentException("expected a duration such as 15s, 500ms, 2m, 1h or PT15S");
    }

    /**
     * Parses a size in bytes (characters, for text messages).
     *
     * @param text the value
     * @return the size
     * @throws IllegalArgumentException with the expected forms
     */
    public static int size(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2);
            long bytes = unit == null || unit.equals("b") ? amount : unit.equals("kb") ? amount * 1024
                    : amount * 1024 * 1024;
            if (bytes > 0 && bytes <= Integer.MAX_VALUE) {
                return (int) bytes;
            }
        }
        throw new IllegalArgumentException("expected a positive size such as 32768, 32KB or 1MB");
    }

    /**
     * Parses a positive whole number.
     *
     * @param text the value
     * @return the number
     * @throws IllegalArgumentException when it is not a positive whole number
     */
    public static int positiveInt(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the common error
        }
        throw new IllegalArgumentException("expected a positive whole number");
    }

    /**
     * Parses a whole number that is zero or positive (zero meaning "no limit" where the option says so).
     *
     * @param text the value
     * @return the number
     * @throws IllegalArgumentException when it is not such a number
     */
    public static int nonNegativeInt(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the common error
        }
        throw new IllegalArgumentException("expected 0 (no limit) or a positive whole number");
    }

    /**
     * Parses a comma-separated list of transport names ({@code WebSockets}, {@code ServerSentEvents},
     * {@code LongPolling}).
     *
     * @param text the value
     * @return the transports
     * @throws IllegalArgumentException for an unknown name or an empty list
     */
    public static Set<TransportType> transports(String text) {
        Set<TransportType> types = EnumSet.noneOf(TransportType.class);
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                types.add(TransportType.bySignalRName(name));
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("expected at least one of WebSockets, ServerSentEvents, LongPolling");
        }
        return types;
    }

    /**
     * Parses a boolean strictly: {@code true} or {@code false}, in any case.
     *
     * @param text the value
     * @return the boolean
     * @throws IllegalArgumentException for anything else
     */
    public static boolean bool(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("expected true or false");
    }

    /**
     * Parses a comma-separated list of browser origins, each {@code scheme://host} or {@code scheme://host:port}
     * (no path, no trailing slash), or {@code *} alone for any origin. They are kept lower-cased, as browsers send
     * them.
     *
     * @param text the value
     * @return the origins
     * @throws IllegalArgumentException for something that is not an origin
     */
    public static List<String> origins(String text) {
        List<String> origins = new ArrayList<>();
        for (String raw : text.split(",")) {
            String origin = raw.trim().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("'" + raw.trim() + "' is not an origin: expected scheme://host or "
                        + "scheme://host:port, such as https://chat.example.com, or * for any origin");
            }
            origins.add(origin);
        }
        if (origins.contains("*") && origins.size() > 1) {
            throw new IllegalArgumentException("* allows any origin and cannot be combined with other origins");
        }
        return origins;
    }
}
