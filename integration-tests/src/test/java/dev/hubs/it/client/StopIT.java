package dev.hubs.it.client;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client's {@code stop()} ends the connection cleanly, every time: it sends a Close message and a close frame
 * at once, and the server answers both, so stop() completes without error and onClosed sees no exception.
 */
@ExtendWith(ArquillianExtension.class)
class StopIT {

    /**
     * Enough rounds to catch a race between the two close paths, few enough to take about a second; more with
     * {@code -Dhubs.it.stopRounds=500}.
     */
    private static final int ROUNDS = Integer.getInteger("hubs.it.stopRounds", 20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(StopIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private HubConnection connection;

    @AfterEach
    void disconnect() {
        if (connection != null && connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
            connection.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void stopIsCleanEveryTime() {
        for (int round = 1; round <= ROUNDS; round++) {
            connection = HubConnectionBuilder.create(base + "echo").build();
            CompletableFuture<Exception> closed = new CompletableFuture<>();
            connection.onClosed(closed::complete);
            assertTrue(connection.start().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("round " + round, connection.invoke(String.class, "echo", "round " + round)
                    .timeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet());

            try {
                assertTrue(connection.stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "stop() did not complete in round " + round);
            } catch (RuntimeException e) {
                throw new AssertionError("stop() failed in round " + round + " of " + ROUNDS, e);
            }
            assertNull(closed.orTimeout(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join(),
                    "onClosed reported an error in round " + round);
        }
    }
}
