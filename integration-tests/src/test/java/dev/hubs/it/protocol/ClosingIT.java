package dev.hubs.it.protocol;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.RawConnection;
import dev.hubs.it.support.RawHub;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static dev.hubs.it.support.RawConnection.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a connection ends when the client ends it: with the hub protocol's Close message, with a WebSocket close
 * frame, or with both at once (what the official Java client's {@code stop()} does).
 */
@ExtendWith(ArquillianExtension.class)
class ClosingIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(ClosingIT.class, EchoHub.class, Person.class, Address.class);
    }

    @ArquillianResource
    URL base;

    private RawConnection connection;

    @BeforeEach
    void connect() {
        connection = new RawHub(base, "echo").connect();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    /**
     * A Close message alone: the server ends the connection and, when the client does not close the socket itself
     * within a short grace period, closes it with a close frame. It sends no Close reply (optional in SignalR), since
     * that reply would race the close frame the official Java client sends right after its Close message.
     */
    @Test
    void closeMessageEndsTheConnectionAndTheServerClosesTheSocket() {
        connection.send("{\"type\":7}" + RS);

        assertEndedByCloseFrame(connection.awaitClosed());
    }

    @Test
    void closeFrameIsAnswered() {
        connection.sendCloseFrame(1000);

        assertEndedByCloseFrame(connection.awaitClosed());
    }

    /**
     * The Java client's stop(): a Close message and, right behind it, the close frame. Both ends close at once, which
     * is racy, so it is tried several times ({@code -Dhubs.it.stopRounds=500} for more).
     */
    @Test
    void closeMessageAndCloseFrameTogether() {
        RawHub hub = new RawHub(base, "echo");
        int rounds = Integer.getInteger("hubs.it.stopRounds", 20);
        for (int round = 1; round <= rounds; round++) {
            if (round > 1) {
                connection = hub.connect();
            }
            connection.send("{\"type\":7,\"allowReconnect\":false}" + RS);
            connection.sendCloseFrame(1000);

            RawConnection.Closed closed = connection.awaitClosed();
            assertTrue(closed.byCloseFrame(), "round " + round + " of " + rounds
                    + ": the server dropped the socket without a close frame: " + closed);
            assertEquals(1000, closed.statusCode(), "round " + round + ": " + closed);
            connection.close();
        }
    }

    private static void assertEndedByCloseFrame(RawConnection.Closed closed) {
        assertTrue(closed.byCloseFrame(), "the server dropped the socket without a close frame: " + closed);
        assertEquals(1000, closed.statusCode(), closed.toString());
    }
}
