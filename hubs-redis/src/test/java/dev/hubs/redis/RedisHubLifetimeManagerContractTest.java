package dev.hubs.redis;

import dev.hubs.core.lifetime.contract.FakeHubConnection;
import dev.hubs.core.lifetime.contract.HubLifetimeManagerContract;
import dev.hubs.core.protocol.JsonHubProtocol;
import dev.hubs.core.protocol.JsonInvocationSerializer;
import dev.hubs.redis.testing.RedisServer;
import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;
import dev.hubs.spi.InvocationSerializer;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis backplane against the lifetime manager contract, with a real {@code redis-server}: every test is a new
 * cluster (its own channel prefix) of servers, each with its own connections to Redis. Then what only this
 * implementation promises: channels are followed exactly while they have members, and a message crosses servers as
 * the bytes the sender serialized.
 */
class RedisHubLifetimeManagerContractTest extends HubLifetimeManagerContract {

    private static RedisServer redis;
    private static ClientResources resources;
    private static Jsonb jsonb;
    private static InvocationSerializer serializer;

    private final List<RedisHubLifetimeManager> servers = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        resources = DefaultClientResources.builder().ioThreadPoolSize(4).computationThreadPoolSize(1).build();
        jsonb = JsonbBuilder.create();
        JsonProvider json = JsonProvider.provider();
        serializer = new JsonInvocationSerializer(json, new JsonHubProtocol(json, jsonb));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        redis.close();
        jsonb.close();
    }

    @Override
    protected HubLifetimeManager createManager() {
        prefix = "contract-" + UUID.randomUUID();
        return server();
    }

    @Override
    protected boolean supportsPeers() {
        return true;
    }

    @Override
    protected HubLifetimeManager createPeer() {
        return server();
    }

    @Override
    protected void closeManagers() {
        servers.forEach(RedisHubLifetimeManager::close);
        servers.clear();
    }

    private RedisHubLifetimeManager server() {
        RedisHubLifetimeManager server = new RedisHubLifetimeManager(
                new RedisLink(options(redis.uri(), prefix), resources), "chat", serializer);
        servers.add(server);
        return server;
    }

    static RedisBackplaneOptions options(String uri, String prefix) {
        Map<String, String> config = Map.of(RedisBackplaneOptions.URI, uri,
                RedisBackplaneOptions.CHANNEL_PREFIX, prefix);
        return RedisBackplaneOptions.from(key -> Optional.ofNullable(config.get(key))).orElseThrow();
    }

    private static RedisLink link(RedisHubLifetimeManager manager) throws Exception {
        java.lang.reflect.Field field = RedisHubLifetimeManager.class.getDeclaredField("link");
        field.setAccessible(true);
        return (RedisLink) field.get(manager);
    }

    // ---------------------------------------------------------------- channels follow members

    @Test
    void groupAndUserChannelsAreHeardExactlyWhileTheServerHasAMember() throws Exception {
        RedisHubLifetimeManager here = (RedisHubLifetimeManager) manager();
        Subscriptions subscriptions = link(here).subscriptions();
        Channels channels = Channels.of(prefix, "chat");
        assertTrue(subscriptions.wants(channels.all()));
        int base = subscriptions.size();

        FakeHubConnection a = connect("a", "alice");
        FakeHubConnection b = connect("b", "alice");
        assertTrue(subscriptions.wants(channels.connection("a")));
        assertTrue(subscriptions.wants(channels.user("alice")));
        join(a, "room");
        join(b, "room");
        assertTrue(subscriptions.wants(channels.group("room")));
        complete(here.removeFromGroup("a", "room"));
        assertTrue(subscriptions.wants(channels.group("room")), "b is still a member");
        complete(here.onDisconnected(b));
        assertFalse(subscriptions.wants(channels.group("room")), "the last member left");
        assertTrue(subscriptions.wants(channels.user("alice")), "a is still connected");
        complete(here.onDisconnected(a));
        assertFalse(subscriptions.wants(channels.user("alice")));
        assertFalse(subscriptions.wants(channels.connection("a")));
        assertEquals(base, subscriptions.size(), "nothing is left subscribed after every connection ended");
    }

    // ---------------------------------------------------------------- serialized once

    @Test
    void aMessageCrossesServersAsTheBytesTheSenderSerialized() throws Exception {
        HubLifetimeManager other = peer();
        FakeHubConnection a = connect("a", null);
        FakeHubConnection b = connect(other, "b", null);
        FakeHubConnection c = connect(other, "c", null);
        ClientInvocation sent = new ClientInvocation("receive", "one", 2, Map.of("k", "v"));
        complete(manager().sendAll(sent));
        assertSame(sent, a.nextMessage(TIMEOUT), "a local connection gets the very invocation sent");
        ClientInvocation atB = b.nextMessage(TIMEOUT);
        ClientInvocation atC = c.nextMessage(TIMEOUT);
        assertNotSame(sent, atB);
        assertSame(atB, atC, "the connections of the other server share one received invocation");
        String record = sent.serialized(JsonHubProtocol.NAME, i -> {
            throw new AssertionError("the sender serializes once");
        });
        assertEquals(record, atB.serialized(JsonHubProtocol.NAME, i -> {
            throw new AssertionError("the receiver must not serialize again");
        }));
        assertEquals("receive", atB.method());
    }

    @Test
    void aGroupChangeForAConnectionNoServerHoldsCompletesAtOnce() throws Exception {
        HubLifetimeManager other = peer();
        connect("a", null);
        long start = System.nanoTime();
        complete(other.addToGroup("gone", "room"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(),
                "no acknowledgement is awaited when Redis says nobody heard the request");
    }
}
