package dev.hubs.it.model;

import com.microsoft.signalr.HubConnection;
import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Calls;
import dev.hubs.it.support.JavaClients;

import java.net.URL;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Java client connection to {@link ModelHub} with what it received through the client method {@code receive}.
 *
 * @param connection   the connection
 * @param id           its public connection id, as the hub sees it
 * @param receives     the arguments of every {@code receive} call, in order
 */
public record ModelClients(HubConnection connection, String id, BlockingQueue<String> receives) {

    /**
     * Starts a connection to the hub at {@code model} (plus an optional query) and learns its id. When the test chose
     * a transport ({@link JavaClients#over}), the hub must see that one: a connection on another transport would
     * prove nothing about the chosen one.
     *
     * @param clients where connections are kept until the test ends
     * @param base    the application URL
     * @param query   a query string without {@code ?}, or empty
     * @return the connection
     */
    public static ModelClients connect(JavaClients clients, URL base, String query) {
        HubConnection connection = clients.start(base, query.isEmpty() ? "model" : "model?" + query);
        BlockingQueue<String> receives = JavaClients.received(connection, ModelHub.RECEIVE);
        CallerInfo caller = Calls.invoke(connection, CallerInfo.class, "callerInfo");
        if (clients.transport() != null) {
            assertEquals(clients.transport().name(), caller.getTransport(),
                    "HubCallerContext.transport() of a connection started over " + clients.transport());
        }
        return new ModelClients(connection, caller.getConnectionId(), receives);
    }

    /**
     * @param clients where connections are kept
     * @param base    the application URL
     * @return a connection without query
     */
    public static ModelClients connect(JavaClients clients, URL base) {
        return connect(clients, base, "");
    }

    /**
     * Invokes a hub method and waits for its completion.
     *
     * @param method    the hub method
     * @param arguments its arguments
     */
    public void call(String method, Object... arguments) {
        Calls.invokeVoid(connection, method, arguments);
    }

    /**
     * Asserts the next {@code receive} is the expected message.
     *
     * @param expected the message
     * @param who      a name for failure messages
     */
    public void receives(String expected, String who) {
        assertEquals(expected, Await.next(receives, who + " receiving \"" + expected + "\""), who);
    }

    /**
     * Proves that this connection did not receive a message sent before: the hub sends it a marker through
     * {@code client(id)} (queued after anything sent earlier), which must be the next thing it receives.
     *
     * @param sender any connection of the hub, to ask for the marker
     * @param who    a name for failure messages
     */
    public void receivedNothingElse(ModelClients sender, String who) {
        String marker = "marker for " + id;
        sender.call("sendClient", id, marker);
        assertEquals(marker, Await.next(receives, "the marker to " + who),
                who + " received a message not meant for it (the marker should have come first)");
    }
}
