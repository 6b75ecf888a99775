package dev.hubs.core.dispatch;

import java.io.Serial;
import java.util.List;

/**
 * A hub class that cannot be served. The message names every offending method, one problem per line, so that a
 * failed deployment says everything that must be fixed at once.
 */
public class HubDefinitionException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the error.
     *
     * @param hubClass the hub class
     * @param problems one sentence per problem
     */
    public HubDefinitionException(Class<?> hubClass, List<String> problems) {
        super("Hub " + hubClass.getName() + " cannot be deployed:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found.
     *
     * @return one sentence per problem
     */
    public List<String> problems() {
        return problems;
    }
}
