package dev.hubs.it.fallback;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** How each connection of {@link TransportHub} ended, by connection id; it outlives the transient hub instances. */
@ApplicationScoped
public class DisconnectLog {

    private final Map<String, String> causes = new ConcurrentHashMap<>();

    /**
     * Records the end of a connection.
     *
     * @param connectionId the connection
     * @param cause        the simple name of the cause, or {@code "clean"}
     */
    public void record(String connectionId, String cause) {
        causes.put(connectionId, cause);
    }

    /**
     * How a connection ended.
     *
     * @param connectionId the connection
     * @return the recorded cause; empty while the connection has not ended
     */
    public Optional<String> cause(String connectionId) {
        return Optional.ofNullable(causes.get(connectionId));
    }
}
