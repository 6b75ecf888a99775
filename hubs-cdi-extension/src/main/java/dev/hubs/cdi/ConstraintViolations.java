package dev.hubs.cdi;

import dev.hubs.HubException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns Bean Validation's {@link ConstraintViolationException}, thrown when a hub method is called with
 * arguments that break its constraints, into a {@link HubException} whose message names each parameter and what
 * is wrong with it, so the caller learns it from the error completion. The only class that touches the Bean
 * Validation API; it is loaded only when the server offers it.
 */
final class ConstraintViolations {

    /** A class of the Bean Validation API, to check that it is present. */
    static final String API_CLASS = "jakarta.validation.ConstraintViolationException";

    private ConstraintViolations() {
    }

    /** Call only when {@code OptionalApis.present(API_CLASS)}. */
    static UnaryOperator<Throwable> translator() {
        return ConstraintViolations::translate;
    }

    private static Throwable translate(Throwable error) {
        if (!(error instanceof ConstraintViolationException violation)) {
            return error;
        }
        List<String> texts = new ArrayList<>();
        for (ConstraintViolation<?> v : violation.getConstraintViolations()) {
            // The path is method.parameter (names kept by -parameters), or method.<return value>.
            texts.add(v.getPropertyPath() + ": " + v.getMessage());
        }
        texts.sort(null);
        return new HubException(texts.isEmpty() ? String.valueOf(violation.getMessage()) : String.join("; ", texts),
                violation);
    }
}
