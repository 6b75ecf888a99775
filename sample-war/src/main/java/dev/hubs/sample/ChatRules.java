package dev.hubs.sample;

import dev.hubs.HubException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the chat accepts from a page. Each check returns the value to use (trimmed, or in its canonical form) or
 * throws a {@link HubException}, whose message the page shows as it is: the official clients receive it in the
 * invocation's error whatever the server's detailed-errors setting.
 *
 * <p>The page checks the same limits before it sends (the inputs' {@code maxlength}), but a hub is reachable by any
 * SignalR client, so the server checks again.
 */
public final class ChatRules {

    /** The longest name, in UTF-16 units (as the page's {@code maxlength} counts). */
    public static final int NAME_LENGTH = 40;

    /** The longest message. */
    public static final int MESSAGE_LENGTH = 1000;

    /** The longest room name. */
    public static final int ROOM_LENGTH = 30;

    /** How many rooms one connection may be in at once. */
    public static final int ROOMS_PER_CONNECTION = 10;

    /** A room name: lower-case letters, digits, '-' and '_' (so "Knitting" and "knitting" are one room). */
    private static final Pattern ROOM = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]+");

    private ChatRules() {
    }

    /**
     * A name to chat under.
     *
     * @param name what the user typed
     * @return the name without surrounding white space
     * @throws HubException when it is missing, blank, too long, or holds control or formatting characters (which
     *                      could make it look like another name)
     */
    public static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new HubException("Please choose a name.");
        }
        if (trimmed.length() > NAME_LENGTH) {
            throw new HubException("A name has at most " + NAME_LENGTH + " characters.");
        }
        if (trimmed.codePoints().anyMatch(ChatRules::invisible)) {
            throw new HubException("A name cannot contain control or formatting characters.");
        }
        return trimmed;
    }

    /**
     * The text of a message or an announcement.
     *
     * @param message what the user typed
     * @return the text without surrounding white space
     * @throws HubException when it is missing, blank or too long
     */
    public static String message(String message) {
        String trimmed = message == null ? "" : message.strip();
        if (trimmed.isEmpty()) {
            throw new HubException("An empty message is not sent.");
        }
        if (trimmed.length() > MESSAGE_LENGTH) {
            throw new HubException("A message has at most " + MESSAGE_LENGTH + " characters.");
        }
        return trimmed;
    }

    /**
     * A room name.
     *
     * @param room what the user typed, with or without a leading '#'
     * @return the room's canonical name: lower case, no '#'
     * @throws HubException when it is missing, too long, or not made of letters, digits, '-' and '_'
     */
    public static String room(String room) {
        String trimmed = room == null ? "" : room.strip();
        if (trimmed.startsWith("#")) {
            trimmed = trimmed.substring(1);
        }
        String canonical = trimmed.toLowerCase(Locale.ROOT);
        if (canonical.isEmpty() || canonical.length() > ROOM_LENGTH || !ROOM.matcher(canonical).matches()) {
            throw new HubException("A room name has 1 to " + ROOM_LENGTH
                    + " letters, digits, '-' or '_', for example \"knitting\".");
        }
        return canonical;
    }

    /**
     * Control characters, formatting characters such as right-to-left overrides, unassigned code points and lone
     * surrogates; the zero-width joiner and non-joiner stay allowed, as emoji and some scripts need them.
     */
    private static boolean invisible(int codePoint) {
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                 Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
