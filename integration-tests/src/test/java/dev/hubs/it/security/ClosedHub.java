package dev.hubs.it.security;

import dev.hubs.Hub;
import jakarta.annotation.security.DenyAll;

/**
 * A hub nobody may use.
 */
@Hub("/closed")
@DenyAll
public class ClosedHub {

    /**
     * Never reached.
     *
     * @param message anything
     * @return the message
     */
    public String echo(String message) {
        return message;
    }
}
