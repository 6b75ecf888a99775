package dev.hubs.core.dispatch;

import dev.hubs.core.connection.ConnectionStreams;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.StreamItemMessage;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Subscribes to the publisher a streaming hub method returned and sends its items to the client as StreamItem
 * messages, then a Completion.
 *
 * <p><b>Backpressure.</b> At most {@code buffer} items are requested ahead: one more is requested each time an
 * item has been written to the transport. A client that reads slowly therefore slows the publisher down instead of
 * filling the server's memory, and a stream never makes the connection's outbound queue overflow.
 *
 * <p>The stream ends exactly once: when the publisher completes (an empty Completion) or fails (an error
 * Completion), when the client cancels (the subscription is cancelled and an empty Completion sent, as SignalR
 * does), or when the connection ends (the subscription is cancelled, nothing is sent).
 */
final class OutgoingStream implements Flow.Subscriber<Object>, ConnectionStreams.Outgoing {

    private final HubConnectionContext connection;
    private final String invocationId;
    private final int buffer;
    private final Function<Throwable, String> errorText;
    private final Consumer<Throwable> ended;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicLong credits = new AtomicLong();
    private final AtomicBoolean requesting = new AtomicBoolean();
    /** Items between their check of {@link #finished} and their place in the outbound queue. */
    private final AtomicInteger sending = new AtomicInteger();
    /** The Completion to send once no item is on its way to the queue any more. */
    private final AtomicReference<CompletionMessage> completion = new AtomicReference<>();

    /**
     * Creates the stream of one invocation.
     *
     * @param connection   the client
     * @param invocationId the stream invocation's id
     * @param errorText    the Completion text for a publisher's error
     * @param ended        told once when the stream is over, with the publisher's error if there was one
     */
    OutgoingStream(HubConnectionContext connection, String invocationId, Function<Throwable, String> errorText,
                   Consumer<Throwable> ended) {
        this.connection = connection;
        this.invocationId = invocationId;
        this.buffer = connection.streamBufferCapacity();
        this.errorText = errorText;
        this.ended = ended;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        if (!subscription.compareAndSet(null, s) || finished.get()) {
            s.cancel(); // Reactive Streams rule 2.5, or the client left before the publisher answered
            return;
        }
        s.request(buffer);
    }

    @Override
    public void onNext(Object item) {
        // A cancel from the client's thread may end the stream while this item is being queued: the Completion
        // must still be the stream's last record, so whichever of the two comes last sends it.
        sending.incrementAndGet();
        boolean queued = true;
        RuntimeException failure = null;
        try {
            if (!finished.get()) {
                queued = connection.sendTracked(new StreamItemMessage(invocationId, item), this::written);
            }
        } catch (RuntimeException e) {
            failure = e; // the item could not be converted to JSON
        } finally {
            sending.decrementAndGet();
            sendCompletionIfDue();
        }
        if (failure != null) {
            // The stream fails like a failing publisher.
            cancelUpstream();
            finish(failure, true);
        } else if (!queued) {
            cancelUpstream(); // the connection is ending; its end cancels this stream too
            finish(null, false);
        }
    }

    @Override
    public void onError(Throwable error) {
        finish(error == null ? new NullPointerException("onError(null)") : error, true);
    }

    @Override
    public void onComplete() {
        finish(null, true);
    }

    @Override
    public void cancel(boolean sendCompletion) {
        if (finished.get()) {
            return;
        }
        cancelUpstream();
        finish(null, sendCompletion);
    }

    /**
     * Ends the stream before it started: the method failed or returned no publisher.
     *
     * @param errorText the Completion's error text
     */
    void failInvocation(String errorText) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        connection.streams().endOutgoing(invocationId, this);
        connection.send(CompletionMessage.withError(invocationId, errorText));
        ended.accept(null);
    }

    /** One item left for the client: ask for one more. Requests are made by one thread at a time, never nested. */
    private void written() {
        credits.incrementAndGet();
        while (!finished.get() && credits.get() > 0 && requesting.compareAndSet(false, true)) {
            try {
                long n = credits.getAndSet(0);
                Flow.Subscription s = subscription.get();
                if (n > 0 && s != null && !finished.get()) {
                    s.request(n);
                }
            } finally {
                requesting.set(false);
            }
        }
    }

    private void cancelUpstream() {
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
    }

    private void finish(Throwable error, boolean sendCompletion) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        connection.streams().endOutgoing(invocationId, this);
        if (sendCompletion) {
            completion.set(error == null ? CompletionMessage.empty(invocationId)
                    : CompletionMessage.withError(invocationId, errorText.apply(error)));
            sendCompletionIfDue();
        }
        ended.accept(error);
    }

    /** Sends the Completion once the stream is finished and no item is still on its way into the queue. */
    private void sendCompletionIfDue() {
        if (sending.get() == 0 && completion.get() != null) {
            CompletionMessage last = completion.getAndSet(null);
            if (last != null) {
                connection.send(last);
            }
        }
    }
}
