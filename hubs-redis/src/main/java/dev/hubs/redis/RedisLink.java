package dev.hubs.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The connections of one application on this server to Redis, shared by its hubs: one to publish, one to listen.
 *
 * <p>One publishing connection keeps the messages this server sends in the order they were sent, and one listening
 * connection delivers what Redis relays in the order Redis relays it, whatever the channels. While Redis is down,
 * publishing fails at once (commands are rejected, not buffered: a message that was reported as failed must not turn
 * up minutes later) and the client reconnects by itself, with a delay growing from 50 ms to 2 s between attempts;
 * when the listening connection is back, every wanted channel is subscribed again. If Redis cannot be reached when
 * the application starts, the link keeps trying in the background.
 */
final class RedisLink {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_RETRY_MILLIS = 2000;

    private final RedisBackplaneOptions options;
    private final String serverId = UUID.randomUUID().toString();
    private final ClientResources resources;
    private final boolean ownsResources;
    private final RedisClient client;
    private final Subscriptions subscriptions = new Subscriptions();
    /** Message handlers by channel root ({@code <prefix>:<hub>:}): one per hub. */
    private final Map<String, BiConsumer<String, byte[]>> routes = new ConcurrentHashMap<>();
    private final Map<Object, Boolean> listenedTo = new ConcurrentHashMap<>();
    private final AtomicBoolean publishWarned = new AtomicBoolean();
    private final AtomicBoolean publisherLost = new AtomicBoolean();
    private final AtomicBoolean subscriberLost = new AtomicBoolean();
    private final AtomicInteger users = new AtomicInteger();
    private final ScheduledExecutorService connector;
    private volatile StatefulRedisConnection<String, byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private volatile boolean closed;

    /**
     * Connects to Redis (or starts trying to), with client threads of its own.
     *
     * @param options the settings
     */
    RedisLink(RedisBackplaneOptions options) {
        this(options, null);
    }

    /**
     * Connects to Redis (or starts trying to).
     *
     * @param options   the settings
     * @param resources the Redis client's threads to share, or {@code null} for threads of its own (closed with it)
     */
    RedisLink(RedisBackplaneOptions options, ClientResources resources) {
        this.options = options;
        this.ownsResources = resources == null;
        this.resources = resources != null ? resources : DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(50), Duration.ofMillis(MAX_RETRY_MILLIS), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(this.resources, options.uri());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        client.addListener(new StateListener());
        this.connector = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hubs-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        connect(0);
    }

    /** Connects both connections; on failure, tries again later. */
    private void connect(int attempt) {
        if (closed) {
            return;
        }
        StatefulRedisConnection<String, byte[]> pub = null;
        try {
            pub = client.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(CODEC);
            listen(sub);
            publisher = pub;
            subscriber = sub;
            RedisLog.connected(options.where(), serverId);
            if (closed) {
                closeConnections();
            }
        } catch (RuntimeException e) {
            if (pub != null) {
                pub.closeAsync();
            }
            if (attempt == 0) {
                RedisLog.notReachableAtStart(options.where(), e);
            }
            long delay = Math.min(MAX_RETRY_MILLIS, 100L << Math.min(attempt, 5));
            try {
                connector.schedule(() -> connect(attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                // closed meanwhile
            }
        }
    }

    /** Makes a listening connection deliver to the routes (once per connection object) and subscribes. */
    private void listen(StatefulRedisPubSubConnection<String, byte[]> connection) {
        if (listenedTo.putIfAbsent(connection, Boolean.TRUE) == null) {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    route(channel, message);
                }
            });
        }
        subscriptions.connected(connection).thenAccept(count -> {
            if (subscriberLost.getAndSet(false)) {
                RedisLog.resubscribed(options.where(), count);
            }
        });
    }

    private void route(String channel, byte[] message) {
        for (Map.Entry<String, BiConsumer<String, byte[]>> route : routes.entrySet()) {
            if (channel.startsWith(route.getKey())) {
                try {
                    route.getValue().accept(channel, message);
                } catch (RuntimeException e) {
                    RedisLog.handlerFailed(channel, e);
                }
                return;
            }
        }
    }

    /** Follows the connections going down and coming back. Called on the client's event loop: must not block. */
    private final class StateListener implements RedisConnectionStateListener {
        @Override
        @SuppressWarnings("unchecked")
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (closed) {
                return;
            }
            if (connection instanceof StatefulRedisPubSubConnection<?, ?> sub) {
                // Also on the first connection, before connectPubSub has returned it: then the subscriptions
                // made by hubs created meanwhile are confirmed before the first message can come.
                if (subscriberLost.get()) {
                    RedisLog.reconnected(options.where(), "listening");
                }
                listen((StatefulRedisPubSubConnection<String, byte[]>) sub);
            } else if (publisherLost.getAndSet(false)) {
                publishWarned.set(false);
                RedisLog.reconnected(options.where(), "publishing");
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closed) {
                return;
            }
            boolean listening = connection instanceof StatefulRedisPubSubConnection<?, ?>;
            AtomicBoolean lost = listening ? subscriberLost : publisherLost;
            if (!lost.getAndSet(true)) {
                RedisLog.connectionLost(options.where(), listening ? "listening" : "publishing");
            }
        }
    }

    /**
     * This server's id in the backplane.
     *
     * @return the id, unique per application start
     */
    String serverId() {
        return serverId;
    }

    /**
     * The settings.
     *
     * @return the options
     */
    RedisBackplaneOptions options() {
        return options;
    }

    /**
     * The channels this server wants to hear.
     *
     * @return the subscriptions
     */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    /**
     * Routes the messages of the channels that start with {@code root} to a handler.
     *
     * @param root    the channel root of a hub
     * @param handler gets the channel and the message, on the client's event loop: must not block
     */
    void route(String root, BiConsumer<String, byte[]> handler) {
        routes.put(root, handler);
    }

    /**
     * Stops routing a hub's messages.
     *
     * @param root the channel root of the hub
     */
    void unroute(String root) {
        routes.remove(root);
    }

    /**
     * Publishes a message.
     *
     * @param channel the channel
     * @param message the bytes
     * @param what    what the message is, for the error and the log: "to group 'room' of hub ChatHub"
     * @param lost    what a failure means, for the error: "only the connections of this server received it"
     * @return how many servers received it; fails with {@link BackplaneUnavailableException} when Redis did not
     *         take it
     */
    CompletionStage<Long> publish(String channel, byte[] message, String what, String lost) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        StatefulRedisConnection<String, byte[]> connection = publisher;
        if (connection == null) {
            fail(result, what, lost, new IllegalStateException("not connected yet"));
            return result;
        }
        try {
            connection.async().publish(channel, message).whenComplete((count, error) -> {
                if (error == null) {
                    result.complete(count);
                } else {
                    fail(result, what, lost, error);
                }
            });
        } catch (RuntimeException e) {
            fail(result, what, lost, e);
        }
        return result;
    }

    private void fail(CompletableFuture<?> result, String what, String lost, Throwable error) {
        RedisLog.publishFailed(what, options.where(), error, lost, publishWarned.compareAndSet(false, true));
        result.completeExceptionally(new BackplaneUnavailableException("Redis at " + options.where()
                + " did not take the message " + what + " (" + error.getMessage() + "): " + lost, error));
    }

    /** One more hub uses this link. */
    void retain() {
        users.incrementAndGet();
    }

    /**
     * One hub less uses this link; the last one closes it.
     *
     * @return whether the link closed
     */
    boolean release() {
        if (users.decrementAndGet() > 0) {
            return false;
        }
        close();
        return true;
    }

    /** Closes the connections and the client's threads. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        connector.shutdownNow();
        closeConnections();
        try {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            if (ownsResources) {
                resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            RedisLog.closeFailed(e);
        }
    }

    private void closeConnections() {
        StatefulRedisConnection<String, byte[]> pub = publisher;
        StatefulRedisPubSubConnection<String, byte[]> sub = subscriber;
        if (pub != null) {
            pub.close();
        }
        if (sub != null) {
            sub.close();
        }
    }

    @Override
    public String toString() {
        return "Redis at " + options.where() + " (server " + serverId + ")";
    }
}
