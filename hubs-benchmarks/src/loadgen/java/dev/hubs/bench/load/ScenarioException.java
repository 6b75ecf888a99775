package dev.hubs.bench.load;

/**
 * A scenario could not run to its end (connections refused, deliveries lost, a protocol error); the result
 * records the message instead of figures.
 */
public final class ScenarioException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public ScenarioException(String message) {
        super(message);
    }
}
