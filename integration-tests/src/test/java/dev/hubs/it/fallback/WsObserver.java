package dev.hubs.it.fallback;

import dev.hubs.it.support.Await;
import dev.hubs.it.support.RawConnection;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A second connection to {@link TransportHub}, over a raw WebSocket, from which a test looks at what happens to a
 * fallback connection: it sends to it and asks the hub how it ended.
 */
final class WsObserver implements AutoCloseable {

    private final RawConnection connection;
    private final AtomicInteger invocationIds = new AtomicInteger();

    WsObserver(HubHttp http) {
        this.connection = http.raw().connect();
    }

    /** Invokes a hub method and returns its Completion, skipping Pings and any other record. */
    JsonObject invoke(String target, Object... arguments) {
        String id = "observer-" + invocationIds.incrementAndGet();
        connection.send(Records.invocation(id, target, arguments));
        while (true) {
            JsonObject message = Records.parse(connection.nextRecord());
            if (message.getInt("type", -1) == 3 && id.equals(message.getString("invocationId", null))) {
                if (message.containsKey("error")) {
                    throw new AssertionError(target + " failed: " + message);
                }
                return message;
            }
        }
    }

    /** How a connection ended, as {@link TransportHub#disconnection} says. */
    String disconnection(String connectionId) {
        return invoke("disconnection", connectionId).getString("result");
    }

    /**
     * Asks the hub again and again until a connection has ended, at most {@link Await#TIMEOUT}: the bounded wait for
     * the server's clean-up, which runs on its own clock.
     *
     * @param connectionId the connection
     * @return how it ended
     */
    String awaitDisconnection(String connectionId) {
        return await("the end of connection " + connectionId, () -> disconnection(connectionId),
                cause -> !TransportHub.NOT_DISCONNECTED.equals(cause));
    }

    /** Polls an observable until a condition holds, failing after {@link Await#TIMEOUT}. */
    static <T> T await(String what, Supplier<T> observable, Predicate<T> condition) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            T value = observable.get();
            if (condition.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                fail("Not within " + Await.TIMEOUT.toSeconds() + " s: " + what + " (last seen: " + value + ")");
            }
            // The condition depends on the server's clock (heartbeat, timeouts): nothing to block on but time.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
