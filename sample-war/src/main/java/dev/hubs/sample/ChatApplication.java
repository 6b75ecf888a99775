package dev.hubs.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the chat's Jakarta REST resources under {@code /api} ({@link AnnouncementResource}). */
@ApplicationPath("/api")
public class ChatApplication extends Application {
}
