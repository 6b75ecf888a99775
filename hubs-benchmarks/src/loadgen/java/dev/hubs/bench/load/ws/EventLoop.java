package dev.hubs.bench.load.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * One thread, one selector, every connection of the load generator: reads are parsed in place from one shared
 * buffer, frames written while handling an event are gathered per connection and leave in one write at the end of
 * the loop's turn.
 *
 * <p>Everything that touches connections runs on the loop thread: other threads hand work over with
 * {@link #execute}. Timers ({@link #schedule}) and the {@link #ticker(LongUnaryOperator) ticker} also run there.
 */
public final class EventLoop implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<LoopChannel> dirty = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    private final AsciiBuilder scratch = new AsciiBuilder(1024);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private LongUnaryOperator ticker;
    private long timerSequence;
    private long now = System.nanoTime();

    /**
     * Opens the selector and starts the loop thread.
     *
     * @param name the thread name
     */
    public EventLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Runs a task on the loop thread.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /**
     * Runs a task on the loop thread after a delay. Loop thread only.
     *
     * @param delayNanos the delay
     * @param task       the task
     */
    public void schedule(long delayNanos, Runnable task) {
        assertLoopThread();
        timers.add(new Timer(System.nanoTime() + delayNanos, timerSequence++, task));
    }

    /**
     * Sets the function called on every turn of the loop with the current {@link System#nanoTime()}; it returns
     * how many nanoseconds the loop may wait for I/O before calling it again ({@code Long.MAX_VALUE}: no need).
     * Loop thread only; {@code null} removes it.
     *
     * @param ticker the ticker
     */
    public void ticker(LongUnaryOperator ticker) {
        assertLoopThread();
        this.ticker = ticker;
    }

    /**
     * The time the loop read when it woke up last; handlers use it as "now" so that a read of many frames costs
     * one clock read.
     *
     * @return {@link System#nanoTime()} of the current turn
     */
    public long now() {
        return now;
    }

    /**
     * A reusable builder for one outgoing text at a time. Loop thread only.
     *
     * @return the builder, emptied
     */
    public AsciiBuilder scratch() {
        return scratch.reset();
    }

    /**
     * Whether the calling thread is the loop thread.
     *
     * @return whether it is
     */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Opens a WebSocket. Loop thread only.
     *
     * @param host     the host (loopback)
     * @param port     the port
     * @param path     the path and query of the upgrade request
     * @param listener told about the connection's events, on the loop thread
     * @return the connection, connecting
     */
    public WsConnection connect(String host, int port, String path, WsListener listener) {
        assertLoopThread();
        WsConnection connection = new WsConnection(this, host, port, path, listener);
        connection.start();
        return connection;
    }

    /**
     * Creates an HTTP/1.1 connection (it connects with its first request). Loop thread only.
     *
     * @param host the host (loopback)
     * @param port the port
     * @return the connection
     */
    public HttpConnection http(String host, int port) {
        assertLoopThread();
        return new HttpConnection(this, host, port);
    }

    SelectionKey register(SocketChannel channel, int ops, LoopChannel attachment) throws IOException {
        return channel.register(selector, ops, attachment);
    }

    /**
     * The first failure of the loop itself (a bug in a handler), or {@code null}.
     *
     * @return the failure
     */
    public Throwable failure() {
        return failure;
    }

    void markDirty(LoopChannel connection) {
        dirty.add(connection);
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    private void assertLoopThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("not on the event loop thread");
        }
    }

    private void run() {
        while (running) {
            try {
                turn();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
                t.printStackTrace();
            }
        }
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void turn() throws IOException {
        long wait = waitNanos();
        if (wait <= 0 || !tasks.isEmpty() || !dirty.isEmpty()) {
            selector.selectNow(this::handle);
        } else {
            long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
            selector.select(this::handle, Math.min(millis, 100));
        }
        now = System.nanoTime();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
        while (!timers.isEmpty() && timers.peek().due - now <= 0) {
            timers.poll().task.run();
        }
        flushDirty();
    }

    private long waitNanos() {
        long t = System.nanoTime();
        long wait = 100_000_000L;
        if (ticker != null) {
            wait = Math.min(wait, ticker.applyAsLong(t));
        }
        if (!timers.isEmpty()) {
            wait = Math.min(wait, timers.peek().due - t);
        }
        return wait;
    }

    private void handle(SelectionKey key) {
        now = System.nanoTime();
        LoopChannel connection = (LoopChannel) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                connection.connectable();
                return;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                connection.flush();
            }
            if ((ready & SelectionKey.OP_READ) != 0) {
                connection.readable();
            }
        } catch (IOException | RuntimeException e) {
            connection.failed(e);
        }
    }

    private void flushDirty() {
        LoopChannel connection;
        while ((connection = dirty.poll()) != null) {
            connection.dirty = false;
            try {
                connection.flush();
            } catch (IOException | RuntimeException e) {
                connection.failed(e);
            }
        }
    }

    /** Stops the loop and closes every channel. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Timer(long due, long sequence, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(due - other.due, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
