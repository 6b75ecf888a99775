package dev.hubs.sample;

/**
 * The body of {@code POST /api/announcements}: {@code {"text": "The server restarts at noon"}}.
 *
 * @param text what to announce
 */
public record Announcement(String text) {
}
