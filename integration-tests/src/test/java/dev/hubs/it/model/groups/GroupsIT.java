package dev.hubs.it.model.groups;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.model.ModelClients;
import dev.hubs.it.support.Await;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Membership of groups through the hub's {@code GroupManager}: a group send reaches exactly the members at the time
 * of the send. The stages of {@code add} and {@code remove} complete when the membership is in effect, so a send
 * right after the invocation completed must see it.
 */
@ExtendWith(ArquillianExtension.class)
class GroupsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(GroupsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();
    private ModelClients a;
    private ModelClients b;
    private ModelClients c;

    private void connect(JavaTransport transport) {
        clients.over(transport);
        a = ModelClients.connect(clients, base);
        b = ModelClients.connect(clients, base);
        c = ModelClients.connect(clients, base);
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @OverEveryTransport
    void leaveEndsTheMembershipAndRejoiningRestoresIt(JavaTransport transport) {
        connect(transport);
        a.call("join", "room");
        b.call("join", "room");

        b.call("leave", "room");
        c.call("sendGroup", "room", "without b");
        a.receives("without b", "a");
        b.receivedNothingElse(a, "b after leaving");

        b.call("join", "room");
        c.call("sendGroup", "room", "with b again");
        a.receives("with b again", "a");
        b.receives("with b again", "b after re-joining");
    }

    @OverEveryTransport
    void joiningTwiceIsHarmlessAndReceivesOnce(JavaTransport transport) {
        connect(transport);
        a.call("join", "twice");
        a.call("join", "twice");

        b.call("sendGroup", "twice", "once only");
        a.receives("once only", "a");
        a.receivedNothingElse(b, "a (a second copy)");

        a.call("leave", "twice");
        b.call("sendGroup", "twice", "after one leave");
        a.receivedNothingElse(b, "a after leaving once (joining twice must not need two leaves)");
    }

    @OverEveryTransport
    void leavingAGroupNeverJoinedIsHarmless(JavaTransport transport) {
        connect(transport);
        a.call("leave", "never-joined");
        a.call("removeFromGroup", "no-such-connection", "never-joined");
        a.call("addToGroup", "no-such-connection", "never-joined");

        b.call("sendGroup", "never-joined", "nobody");
        a.receivedNothingElse(b, "a");
    }

    @OverEveryTransport
    void oneConnectionMayAddAnother(JavaTransport transport) {
        connect(transport);
        a.call("addToGroup", b.id(), "added");
        c.call("sendGroup", "added", "b was added by a");
        b.receives("b was added by a", "b");
        a.receivedNothingElse(c, "a (who only added b)");

        a.call("removeFromGroup", b.id(), "added");
        c.call("sendGroup", "added", "b was removed by a");
        b.receivedNothingElse(c, "b after a removed it");
    }

    @OverEveryTransport
    void groupsAreIndependent(JavaTransport transport) {
        connect(transport);
        a.call("join", "red");
        b.call("join", "blue");

        c.call("sendGroup", "red", "red only");
        a.receives("red only", "a");
        b.receivedNothingElse(c, "b (in blue)");
    }

    @OverEveryTransport
    void groupNamesAreCaseSensitive(JavaTransport transport) {
        connect(transport);
        a.call("join", "Case");

        c.call("sendGroup", "case", "lower case");
        a.receivedNothingElse(c, "a (in 'Case', not 'case')");
    }

    /**
     * A member that disconnects leaves the group: a later send to the group completes and reaches the others, and
     * the group keeps working for them (and for a new member).
     */
    @OverEveryTransport
    void disconnectingLeavesTheGroup(JavaTransport transport) {
        connect(transport);
        a.call("join", "lobby");
        b.call("join", "lobby");
        c.call("join", "lobby");

        assertTrue(b.connection().stop().blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                "b did not stop");

        a.call("sendGroup", "lobby", "after b left");
        a.receives("after b left", "a");
        c.receives("after b left", "c");
        assertTrue(b.receives().isEmpty(), "b received after it had stopped: " + b.receives());

        ModelClients newcomer = ModelClients.connect(clients, base);
        newcomer.call("join", "lobby");
        c.call("sendGroup", "lobby", "with the newcomer");
        a.receives("with the newcomer", "a");
        c.receives("with the newcomer", "c");
        newcomer.receives("with the newcomer", "the newcomer");
    }
}
