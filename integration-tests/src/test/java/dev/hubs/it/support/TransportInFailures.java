package dev.hubs.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.JUnitException;

/**
 * Puts the transport of a failed run of an {@link OverEveryTransport} test in front of its failure message, as in
 * {@code [LongPolling] expected: <a> but was: <b>}: the build's summary of failures shows the test method and the
 * message, not the name of the run, and the same assertion may fail over one transport only.
 */
public final class TransportInFailures implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof JUnitException) {
            // JUnit's own, left as they are: in client mode Arquillian calls the test method itself and then drops
            // the exception JUnit raises because the interceptor chain did not; renamed, it would no longer know it.
            throw failure;
        }
        String prefix = "[" + context.getDisplayName() + "] ";
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith(prefix)) {
            throw failure;
        }
        AssertionError named = new AssertionError(prefix + message, failure);
        named.setStackTrace(failure.getStackTrace());
        throw named;
    }
}
