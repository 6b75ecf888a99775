package dev.hubs.redis;

import dev.hubs.core.lifetime.contract.FakeHubConnection;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.JsonInvocationSerializer;
import dev.hubs.redis.testing.LogRecorder;
import dev.hubs.redis.testing.RedisServer;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.InvocationSerializer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away and coming back under two servers: local delivery goes on, sends that need Redis fail with a clear
 * error and one warning, and cross-server delivery resumes by itself, including for connections and groups that
 * appeared during the outage. The servers' own log tells when a connection is lost and regained; the test waits for
 * those messages instead of sleeping.
 */
@Timeout(60)
class RedisOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration STAGE = Duration.ofSeconds(10);

    private RedisServer redis;
    private Jsonb jsonb;
    private InvocationSerializer serializer;
    private LogRecorder log;
    private final List<RedisHubLifetimeManager> servers = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        jsonb = JsonbBuilder.create();
        JsonProvider json = JsonProvider.provider();
        serializer = new JsonInvocationSerializer(json, new JsonHubProtocol(json, jsonb));
        log = LogRecorder.of("dev.hubs.redis");
    }

    @AfterEach
    void stop() throws Exception {
        servers.forEach(RedisHubLifetimeManager::close);
        log.close();
        redis.close();
        jsonb.close();
    }

    private RedisHubLifetimeManager server(String prefix) {
        RedisHubLifetimeManager server = new RedisHubLifetimeManager(
                new RedisLink(RedisHubLifetimeManagerContractTest.options(redis.uri(), prefix)), "chat", serializer);
        servers.add(server);
        return server;
    }

    @Test
    void localDeliveryGoesOnSendsFailAndCrossServerDeliveryResumes() {
        RedisHubLifetimeManager one = server("outage");
        RedisHubLifetimeManager two = server("outage");
        log.await(WAIT, "HUBS3001I", "HUBS3001I");
        FakeHubConnection a = connect(one, "a", "alice");
        FakeHubConnection b = connect(two, "b", "bob");
        complete(one.addToGroup("a", "room"));
        complete(one.addToGroup("b", "room"));
        ClientInvocation before = new ClientInvocation("receive", "before");
        complete(one.sendGroup("room", before));
        assertEquals(before, a.nextMessage(WAIT));
        assertEquals(before, b.nextMessage(WAIT));

        redis.stop();
        // Each server loses its publishing and its listening connection.
        log.await(WAIT, "HUBS3003W", "HUBS3003W", "HUBS3003W", "HUBS3003W");

        ClientInvocation during = new ClientInvocation("receive", "during");
        Throwable failed = failure(one.sendGroup("room", during));
        assertInstanceOf(BackplaneUnavailableException.class, failed);
        assertTrue(failed.getMessage().contains("Redis at 127.0.0.1:" + redis.port())
                && failed.getMessage().contains("group 'room'"), failed.getMessage());
        assertEquals(during, a.nextMessage(WAIT), "the connection on the sending server still gets it");
        assertInstanceOf(BackplaneUnavailableException.class, failure(one.sendAll(during)));
        assertEquals(during, a.nextMessage(WAIT));
        assertInstanceOf(BackplaneUnavailableException.class, failure(two.sendConnection("a", during)));
        assertInstanceOf(BackplaneUnavailableException.class, failure(one.addToGroup("b", "side")),
                "a group change for a connection on another server needs Redis");
        log.await(WAIT, "HUBS3006W");

        // Local group changes and new connections work during the outage, and count once Redis is back.
        FakeHubConnection c = connect(two, "c", "carol");
        complete(two.addToGroup("c", "late"));
        complete(one.sendConnection("a", new ClientInvocation("receive", "local")));
        assertEquals(new ClientInvocation("receive", "local"), a.nextMessage(WAIT));

        redis.restart();
        log.await(WAIT, "HUBS3004I", "HUBS3004I", "HUBS3004I", "HUBS3004I", "HUBS3005I", "HUBS3005I");

        ClientInvocation after = new ClientInvocation("receive", "after");
        complete(one.sendGroup("room", after));
        assertEquals(after, a.nextMessage(WAIT));
        assertEquals(after, b.nextMessage(WAIT), "the group channel was subscribed again");
        ClientInvocation late = new ClientInvocation("receive", "late");
        complete(one.sendGroup("late", late));
        assertEquals(late, c.nextMessage(WAIT), "a group joined during the outage is heard once Redis is back");
        ClientInvocation direct = new ClientInvocation("receive", "direct");
        complete(one.sendConnection("c", direct));
        complete(one.sendUser("carol", direct));
        assertEquals(List.of(direct, direct), c.nextMessages(2, WAIT));
        complete(one.addToGroup("b", "side"));
        ClientInvocation side = new ClientInvocation("receive", "side");
        complete(one.sendGroup("side", side));
        assertEquals(side, b.nextMessage(WAIT));
        assertEquals(List.of(), b.unread());
    }

    @Test
    void aServerStartedWhileRedisIsDownConnectsWhenItComesUp() {
        redis.stop();
        RedisHubLifetimeManager one = server("late-start");
        log.await(WAIT, "HUBS3002W");
        FakeHubConnection a = connect(one, "a", null);
        ClientInvocation alone = new ClientInvocation("receive", "alone");
        assertInstanceOf(BackplaneUnavailableException.class, failure(one.sendAll(alone)));
        assertEquals(alone, a.nextMessage(WAIT));

        redis.restart();
        log.await(WAIT, "HUBS3001I");
        RedisHubLifetimeManager two = server("late-start");
        log.await(WAIT, "HUBS3001I");
        ClientInvocation joined = new ClientInvocation("receive", "joined");
        complete(two.sendConnection("a", joined));
        assertEquals(joined, a.nextMessage(WAIT), "the connection made before Redis was up is reachable");
    }

    private static FakeHubConnection connect(HubLifetimeManager server, String id, String user) {
        FakeHubConnection connection = new FakeHubConnection(id, user);
        complete(server.onConnected(connection));
        return connection;
    }

    private static void complete(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(STAGE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stage must complete normally", e);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(STAGE.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause();
    }
}
