package dev.hubs.redis.it;

import dev.hubs.redis.it.support.ClusterClient;
import dev.hubs.redis.it.support.ClusterWar;
import dev.hubs.redis.testing.RedisServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Two Liberty servers run the same WAR with the Redis backplane: a client on server A reaches all connections, a
 * group, a user and a single connection on server B, and the other way round; groups joined on one server receive
 * what the other sends, and group changes for a connection on the other server take effect when their invocation
 * completes.
 */
@ExtendWith(ArquillianExtension.class)
class CrossServerIT {

    /** This class's own Redis: started when Arquillian asks for the deployments, stopped after the tests. */
    private static final RedisServer REDIS = RedisServer.start();

    @Deployment(name = "a", testable = false)
    @TargetsContainer("server-a")
    static WebArchive serverA() {
        return ClusterWar.of("cross-server", REDIS.uri(), "cross-server-it");
    }

    @Deployment(name = "b", testable = false)
    @TargetsContainer("server-b")
    static WebArchive serverB() {
        return ClusterWar.of("cross-server", REDIS.uri(), "cross-server-it");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    URL baseA;

    @ArquillianResource
    @OperateOnDeployment("b")
    URL baseB;

    private final List<ClusterClient> clients = new ArrayList<>();
    private ClusterClient a1;
    private ClusterClient a2;
    private ClusterClient b1;
    private ClusterClient b2;

    @BeforeEach
    void connect() {
        a1 = client("a1 on server A", baseA, "");
        a2 = client("a2 (alice) on server A", baseA, "user=alice");
        b1 = client("b1 on server B", baseB, "");
        b2 = client("b2 (alice) on server B", baseB, "user=alice");
    }

    private ClusterClient client(String name, URL base, String query) {
        ClusterClient client = ClusterClient.connect(name, base, query);
        clients.add(client);
        return client;
    }

    @AfterEach
    void disconnect() {
        clients.forEach(ClusterClient::close);
        clients.clear();
    }

    @Test
    void allReachesTheConnectionsOfBothServers() {
        a1.call("sendAll", "from A");
        for (ClusterClient client : List.of(a1, a2, b1, b2)) {
            client.receives("from A");
        }
        b1.call("sendAll", "from B");
        for (ClusterClient client : List.of(a1, a2, b1, b2)) {
            client.receives("from B");
        }
        b1.call("sendOthers", "others of b1");
        for (ClusterClient client : List.of(a1, a2, b2)) {
            client.receives("others of b1");
        }
        b1.receivedNothingElseFrom(b1);
    }

    @Test
    void aConnectionOnTheOtherServerIsReachedByItsId() {
        a1.call("sendClient", b1.id(), "A to b1");
        b1.receives("A to b1");
        b1.call("sendClient", a1.id(), "B to a1");
        a1.receives("B to a1");
        for (ClusterClient other : List.of(a2, b2)) {
            other.receivedNothingElseFrom(a1);
            other.receivedNothingElseFrom(b1);
        }
    }

    @Test
    void aGroupJoinedOnOneServerReceivesWhatTheOtherSends() {
        a1.call("join", "room");
        b2.call("join", "room");
        b1.call("sendGroup", "room", "B to room");
        a1.receives("B to room");
        b2.receives("B to room");
        a2.call("sendGroup", "room", "A to room");
        a1.receives("A to room");
        b2.receives("A to room");
        a2.receivedNothingElseFrom(b1);
        b1.receivedNothingElseFrom(b1);
        a2.receivedNothingElseFrom(a2);
        b1.receivedNothingElseFrom(a2);
    }

    @Test
    void aUserIsReachedOnEveryServerItIsConnectedTo() {
        a1.call("sendUser", "alice", "A to alice");
        a2.receives("A to alice");
        b2.receives("A to alice");
        b1.call("sendUser", "alice", "B to alice");
        a2.receives("B to alice");
        b2.receives("B to alice");
        a1.receivedNothingElseFrom(a1);
        a1.receivedNothingElseFrom(b1);
        b1.receivedNothingElseFrom(a1);
        b1.receivedNothingElseFrom(b1);
    }

    @Test
    void groupChangesForAConnectionOnTheOtherServerTakeEffectWhenTheyComplete() {
        a1.call("addToGroup", b1.id(), "remote");
        a1.call("sendGroup", "remote", "after the add");
        b1.receives("after the add");
        b2.call("sendGroup", "remote", "from b1's own server");
        b1.receives("from b1's own server");

        a1.call("removeFromGroup", b1.id(), "remote");
        a1.call("sendGroup", "remote", "after the remove");
        b2.call("sendGroup", "remote", "after the remove, from B");
        b1.receivedNothingElseFrom(a1);
        b1.receivedNothingElseFrom(b2);
    }
}
