package dev.hubs.it.model.targets;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.model.ModelClients;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JavaClients;
import dev.hubs.it.support.JavaTransport;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every target of {@code HubCallerClients<ClientProxy>}, with four Java clients on {@link ModelHub}: each target
 * reaches exactly its connections, once. That a connection was not reached is proven with a marker (see
 * {@link ModelClients#receivedNothingElse}), never by waiting.
 */
@ExtendWith(ArquillianExtension.class)
class EveryTargetIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(EveryTargetIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private ModelClients a;
    private ModelClients b;
    private ModelClients c;
    private ModelClients d;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        a = ModelClients.connect(clients, base);
        b = ModelClients.connect(clients, base);
        c = ModelClients.connect(clients, base);
        d = ModelClients.connect(clients, base);
        assertEquals(4, Set.of(a.id(), b.id(), c.id(), d.id()).size(), "connection ids must differ");
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void all(JavaTransport transport) {
        connect(transport);
        a.call("sendAll", "to all");

        a.receives("to all", "a");
        b.receives("to all", "b");
        c.receives("to all", "c");
        d.receives("to all", "d");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void allExcept(JavaTransport transport) {
        connect(transport);
        a.call("sendAllExcept", List.of(b.id(), c.id()), "not b, not c");

        a.receives("not b, not c", "a");
        d.receives("not b, not c", "d");
        b.receivedNothingElse(a, "b");
        c.receivedNothingElse(a, "c");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void client(JavaTransport transport) {
        connect(transport);
        a.call("sendClient", c.id(), "for c");

        c.receives("for c", "c");
        a.receivedNothingElse(b, "a");
        b.receivedNothingElse(a, "b");
        d.receivedNothingElse(a, "d");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void clients(JavaTransport transport) {
        connect(transport);
        a.call("sendClients", List.of(b.id(), d.id()), "for b and d");

        b.receives("for b and d", "b");
        d.receives("for b and d", "d");
        a.receivedNothingElse(b, "a");
        c.receivedNothingElse(a, "c");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void clientsListingOneConnectionTwiceReachesItOnce(JavaTransport transport) {
        connect(transport);
        a.call("sendClients", List.of(b.id(), b.id()), "for b");

        b.receives("for b", "b");
        b.receivedNothingElse(a, "b");
    }

    @OverEveryTransport
    void group(JavaTransport transport) {
        connect(transport);
        a.call("join", "g-group");
        b.call("join", "g-group");

        c.call("sendGroup", "g-group", "to the group");

        a.receives("to the group", "a");
        b.receives("to the group", "b");
        c.receivedNothingElse(a, "c");
        d.receivedNothingElse(a, "d");
        assertOnlyOnce();
    }

    /** A connection in two of the groups is called once; one in none is not called. */
    @OverEveryTransport
    void groups(JavaTransport transport) {
        connect(transport);
        a.call("join", "g-one");
        b.call("join", "g-two");
        c.call("join", "g-one");
        c.call("join", "g-two");
        d.call("join", "g-three");

        d.call("sendGroups", List.of("g-one", "g-two"), "to two groups");

        a.receives("to two groups", "a");
        b.receives("to two groups", "b");
        c.receives("to two groups", "c (in both groups)");
        c.receivedNothingElse(a, "c (a second copy)");
        d.receivedNothingElse(a, "d");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void groupExcept(JavaTransport transport) {
        connect(transport);
        a.call("join", "g-except");
        b.call("join", "g-except");
        c.call("join", "g-except");

        d.call("sendGroupExcept", "g-except", List.of(b.id()), "not b");

        a.receives("not b", "a");
        c.receives("not b", "c");
        b.receivedNothingElse(a, "b");
        d.receivedNothingElse(a, "d");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void caller(JavaTransport transport) {
        connect(transport);
        b.call("sendCaller", "for the caller");

        b.receives("for the caller", "b");
        a.receivedNothingElse(b, "a");
        c.receivedNothingElse(b, "c");
        d.receivedNothingElse(b, "d");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void others(JavaTransport transport) {
        connect(transport);
        b.call("sendOthers", "not for b");

        a.receives("not for b", "a");
        c.receives("not for b", "c");
        d.receives("not for b", "d");
        b.receivedNothingElse(a, "b");
        assertOnlyOnce();
    }

    @OverEveryTransport
    void othersInGroup(JavaTransport transport) {
        connect(transport);
        a.call("join", "g-others");
        b.call("join", "g-others");
        c.call("join", "g-others");

        a.call("sendOthersInGroup", "g-others", "the group but a");

        b.receives("the group but a", "b");
        c.receives("the group but a", "c");
        a.receivedNothingElse(b, "a");
        d.receivedNothingElse(b, "d");
        assertOnlyOnce();
    }

    /** Unknown connections, groups and users are not an error: the send completes and reaches nobody. */
    @OverEveryTransport
    void unknownTargetsReachNobodyAndAreNoError(JavaTransport transport) {
        connect(transport);
        a.call("sendClient", "no-such-connection", "lost");
        a.call("sendClients", List.of("no-such-connection"), "lost");
        a.call("sendGroup", "no-such-group", "lost");
        a.call("sendGroups", List.of("no-such-group", "nor-this"), "lost");
        a.call("sendGroupExcept", "no-such-group", List.of(a.id()), "lost");
        a.call("sendUser", "no-such-user", "lost");
        a.call("sendUsers", List.of("no-such-user"), "lost");
        a.call("sendAllExcept", List.of(a.id(), b.id(), c.id(), d.id()), "lost");
        a.call("sendClients", List.of(), "lost");

        assertOnlyOnce();
    }

    /** Every connection's next message is its marker: none has an unexpected message waiting. */
    private void assertOnlyOnce() {
        for (ModelClients connection : List.of(a, b, c, d)) {
            connection.receivedNothingElse(connection == a ? b : a, connection.id());
        }
    }
}
