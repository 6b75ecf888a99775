package dev.hubs.redis;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels this server wants to hear, and the one connection it listens on.
 *
 * <p>What is wanted is kept here, not only in Redis: a SUBSCRIBE made while Redis is down is rejected, and when the
 * connection comes back every wanted channel is subscribed again ({@link #connected}). Subscribing and unsubscribing
 * are issued under this object's lock, so Redis sees the changes of one channel in the order they were made.
 *
 * <p>A subscription never fails the operation that wanted it: while Redis is down the server still serves its own
 * connections, and the channel is subscribed when Redis is back. {@link #ready} lets an operation wait until Redis
 * has confirmed a subscription it asked for, so that messages published afterwards are heard.
 */
final class Subscriptions {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** Guarded by {@code this}. */
    private final Set<String> wanted = new HashSet<>();
    /** Subscriptions Redis has not confirmed yet, by channel; each completes normally, confirmed or not. */
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    /** Guarded by {@code this}; null until the first connection. */
    private StatefulRedisPubSubConnection<String, byte[]> connection;

    /**
     * Starts listening to a channel.
     *
     * @param channel the channel
     * @return completes when Redis confirmed the subscription, or at once when it cannot be made now
     */
    synchronized CompletionStage<Void> subscribe(String channel) {
        if (!wanted.add(channel)) {
            return ready(channel);
        }
        return issue(new String[] {channel});
    }

    /**
     * Stops listening to a channel.
     *
     * @param channel the channel
     * @return completes when Redis confirmed, or at once when it cannot be asked now
     */
    synchronized CompletionStage<Void> unsubscribe(String channel) {
        if (!wanted.remove(channel)) {
            return DONE;
        }
        pending.remove(channel);
        if (connection == null) {
            return DONE;
        }
        try {
            return connection.async().unsubscribe(channel).toCompletableFuture().handle((ok, error) -> null);
        } catch (RuntimeException e) {
            return DONE; // rejected while disconnected; Redis forgot the subscription with the connection anyway
        }
    }

    /**
     * Waits for the subscription of a channel, if one is on its way.
     *
     * @param channel the channel
     * @return completes when no subscription of the channel is waiting for Redis
     */
    CompletionStage<Void> ready(String channel) {
        return pending.getOrDefault(channel, DONE);
    }

    /**
     * The listening connection is (again) connected: subscribe to everything wanted.
     *
     * @param connected the connection
     * @return how many channels, and when Redis has confirmed them
     */
    synchronized CompletionStage<Integer> connected(StatefulRedisPubSubConnection<String, byte[]> connected) {
        connection = connected;
        int count = wanted.size();
        if (count == 0) {
            return CompletableFuture.completedFuture(0);
        }
        return issue(wanted.toArray(String[]::new)).thenApply(ignored -> count);
    }

    /**
     * How many channels are wanted; for tests and operators.
     *
     * @return the count
     */
    synchronized int size() {
        return wanted.size();
    }

    /**
     * Whether a channel is wanted; for tests.
     *
     * @param channel the channel
     * @return whether this server listens to it (or will, once connected)
     */
    synchronized boolean wants(String channel) {
        return wanted.contains(channel);
    }

    private CompletableFuture<Void> issue(String[] channels) {
        if (connection == null) {
            return DONE;
        }
        CompletableFuture<Void> settled;
        try {
            settled = connection.async().subscribe(channels).toCompletableFuture().handle((ok, error) -> null);
        } catch (RuntimeException e) {
            return DONE; // rejected while disconnected: subscribed again on reconnection
        }
        for (String channel : channels) {
            pending.put(channel, settled);
        }
        settled.whenComplete((ok, error) -> {
            for (String channel : channels) {
                pending.remove(channel, settled);
            }
        });
        return settled;
    }
}
