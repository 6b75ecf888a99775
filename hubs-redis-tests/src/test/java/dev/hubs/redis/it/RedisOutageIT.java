package dev.hubs.redis.it;

import dev.hubs.redis.it.support.ClusterClient;
import dev.hubs.redis.it.support.ClusterWar;
import dev.hubs.redis.it.support.ServerLog;
import dev.hubs.redis.testing.RedisServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis stops while clients are connected to both servers, and comes back: meanwhile each server still delivers to
 * its own connections, and the sends that needed Redis fail with an error that says so (and a warning in the
 * server's log); once Redis is back, cross-server delivery resumes, for the groups and connections of before and
 * those made during the outage, without restarting Liberty. The test waits for the servers' own log lines that tell
 * of the connection lost and regained.
 */
@ExtendWith(ArquillianExtension.class)
class RedisOutageIT {

    private static final RedisServer REDIS = RedisServer.start();
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);

    @Deployment(name = "a", testable = false)
    @TargetsContainer("server-a")
    static WebArchive serverA() {
        return ClusterWar.of("redis-outage", REDIS.uri(), "redis-outage-it");
    }

    @Deployment(name = "b", testable = false)
    @TargetsContainer("server-b")
    static WebArchive serverB() {
        return ClusterWar.of("redis-outage", REDIS.uri(), "redis-outage-it");
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

    private ClusterClient client(String name, URL base) {
        ClusterClient client = ClusterClient.connect(name, base, "");
        clients.add(client);
        return client;
    }

    @AfterEach
    void disconnect() {
        clients.forEach(ClusterClient::close);
        clients.clear();
    }

    @Test
    void localDeliveryGoesOnDuringAnOutageAndCrossServerDeliveryResumesAfterIt() {
        ClusterClient a1 = client("a1 on server A", baseA);
        ClusterClient a2 = client("a2 on server A", baseA);
        ClusterClient b1 = client("b1 on server B", baseB);
        a1.call("join", "room");
        b1.call("join", "room");
        a2.call("sendGroup", "room", "before");
        a1.receives("before");
        b1.receives("before");

        ServerLog logA = ServerLog.of("serverNameA");
        ServerLog logB = ServerLog.of("serverNameB");
        REDIS.stop();
        logA.await("HUBS3003W", 2, LOG_WAIT); // the publishing and the listening connection
        logB.await("HUBS3003W", 2, LOG_WAIT);

        String error = a2.callFailing("sendAll", "during");
        assertTrue(error.contains("BackplaneUnavailableException") && error.contains("Redis at 127.0.0.1:"
                + REDIS.port()) && error.contains("only the connections of this server received it"), error);
        a1.receives("during");
        a2.receives("during");
        error = a2.callFailing("sendGroup", "room", "group during");
        assertTrue(error.contains("group 'room'"), error);
        a1.receives("group during");
        logA.await("HUBS3006W", 1, LOG_WAIT);
        error = a1.callFailing("addToGroup", b1.id(), "side");
        assertTrue(error.contains("Redis at 127.0.0.1:" + REDIS.port())
                && error.contains("its groups are unchanged"), error);
        a1.call("sendClient", a2.id(), "local");
        a2.receives("local");
        b1.receivedNothingElseFrom(b1);

        // A connection that arrives on B during the outage, and joins a group there.
        ClusterClient b2 = client("b2 on server B, connected during the outage", baseB);
        b2.call("join", "late");

        logA.skip();
        logB.skip();
        REDIS.restart();
        logA.await("HUBS3005I", 1, LOG_WAIT); // listening again to every channel it wants
        logB.await("HUBS3005I", 1, LOG_WAIT);
        logA.await("HUBS3004I", 2, LOG_WAIT);
        logB.await("HUBS3004I", 2, LOG_WAIT);

        a2.call("sendAll", "after");
        for (ClusterClient client : List.of(a1, a2, b1, b2)) {
            client.receives("after");
        }
        b1.call("sendGroup", "room", "group after");
        a1.receives("group after");
        b1.receives("group after");
        a1.call("sendGroup", "late", "to the group joined during the outage");
        b2.receives("to the group joined during the outage");
        a1.call("addToGroup", b1.id(), "side");
        a2.call("sendGroup", "side", "side after");
        b1.receives("side after");
        a2.receivedNothingElseFrom(a1);
        b1.receivedNothingElseFrom(a1);
    }
}
