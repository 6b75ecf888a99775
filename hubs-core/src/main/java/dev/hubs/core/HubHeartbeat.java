package dev.hubs.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One timer for all hubs of an application: about once a second it lets every {@link HubRuntime} send its
 * keep-alive pings and close silent connections. One task for all connections costs far less than a timer per
 * connection, and a second is fine-grained enough for limits counted in seconds.
 */
public final class HubHeartbeat implements AutoCloseable {

    private final Set<HubRuntime> runtimes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /**
     * Starts the timer.
     *
     * @param periodMillis how often to tick
     */
    public HubHeartbeat(long periodMillis) {
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hubs-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Includes a hub.
     *
     * @param runtime the hub
     */
    public void register(HubRuntime runtime) {
        runtimes.add(runtime);
    }

    private void tick() {
        long now = System.nanoTime();
        for (HubRuntime runtime : runtimes) {
            try {
                runtime.heartbeat(now);
            } catch (RuntimeException e) {
                // Never let one failure cancel the periodic task for every hub.
                CoreLog.unexpected("Heartbeat of hub " + runtime.path(), e);
            }
        }
    }

    /** Stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        runtimes.clear();
    }
}
