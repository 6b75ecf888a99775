package dev.hubs.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Long polling: each GET of the client takes what the server has queued for it, or waits for it.
 *
 * <p>The outbound queue of the connection writes at most once at a time; a write finds either a poll waiting (and
 * answers it) or none: then its text is kept for the next poll and the write completes at once, so that the records
 * that follow join it and one poll response carries all of them. Only when more than {@value #MAX_PENDING_CHARS}
 * characters wait does a write stay incomplete until a poll takes it, which is what bounds the memory of a client
 * that stops polling (the outbound queue's capacity applies behind it). A poll with nothing to answer is held for
 * the poll timeout and then answered with an empty 200; a newer poll replaces a held one, which gets 204.
 *
 * <p>When the server ends the connection, what was written before (its last records: a Close message, say) is
 * still answered to the next poll, and only then does a poll get 204, the end: the client learns of the end by
 * polling for it, so the connection stays reachable until it has ({@link #clientCollectsEnd()}), as on the SignalR
 * server; after the client's DELETE only the end itself is left. An end with an error leaves nothing to collect.
 * Responses are written on a container thread, never on the sender's.
 */
final class LongPollingTransport extends FallbackChannel {

    /** SignalR's name of this transport. */
    static final String NAME = "LongPolling";

    private final long pollTimeoutMillis;
    private final Object lock = new Object();
    private AsyncContext held;
    /** Characters kept for the next poll before writes are held back. */
    static final int MAX_PENDING_CHARS = 64 * 1024;

    private final StringBuilder pending = new StringBuilder();
    private Consumer<Throwable> pendingCompletion;
    private boolean closed;
    /** The client has been told of the end (a poll got 204 after it), or needs not be (an error end). */
    private boolean endCollected;
    private volatile long absentSince = System.nanoTime();

    LongPollingTransport(long pollTimeoutMillis) {
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean inherentKeepAlive() {
        return true; // the client polls again and again; pings would only end polls early
    }

    @Override
    public long absentSinceNanos() {
        return absentSince;
    }

    @Override
    public boolean clientCollectsEnd() {
        synchronized (lock) {
            return !endCollected;
        }
    }

    /**
     * The client ended the connection with DELETE: what waits is not for it any more, but a poll it sent before may
     * still be on its way (the official Java client does not cancel its poll when it stops), which gets the end, 204,
     * rather than 404.
     */
    void deleted() {
        synchronized (lock) {
            pending.setLength(0);
        }
    }

    /**
     * Answers the first poll, which establishes the transport: at once, empty, as the SignalR server does.
     *
     * @param response the response
     */
    void firstPoll(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/octet-stream");
        response.setContentLength(0);
        absentSince = System.nanoTime();
    }

    /**
     * A poll: answered at once when something waits, else held.
     *
     * @param request  the GET
     * @param response its response
     */
    void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext replaced;
        String text = null;
        Consumer<Throwable> completion = null;
        boolean ended;
        synchronized (lock) {
            replaced = held;
            held = null;
            if (pending.length() > 0) {
                // Also after the end: the last records written before it are the client's to collect.
                text = takePending();
                completion = takeCompletion();
            }
            ended = closed && text == null;
            if (ended) {
                endCollected = true;
            }
        }
        if (replaced != null) {
            noContent(replaced); // a newer poll replaces the held one
        }
        if (ended) {
            noContent(response);
            return;
        }
        absentSince = -1;
        if (text != null) {
            answer(response, text, completion);
            absentSince = System.nanoTime();
            return;
        }
        AsyncContext context = request.startAsync();
        context.setTimeout(pollTimeoutMillis);
        context.addListener(new PollListener());
        boolean holding = false;
        synchronized (lock) {
            if (!closed && pending.length() == 0) {
                // Two polls of one client may arrive together: the older one gives way, as a newer poll always does.
                replaced = held;
                held = context;
                holding = true;
            } else {
                replaced = null;
                ended = pending.length() == 0;
                text = ended ? null : takePending();
                completion = ended ? null : takeCompletion();
                if (ended) {
                    endCollected = true;
                }
            }
        }
        if (replaced != null) {
            noContent(replaced);
        }
        if (holding) {
            return;
        }
        // A write or the end arrived while the poll was being set up: answer it now.
        if (ended) {
            noContent(context);
        } else {
            String body = text;
            Consumer<Throwable> done = completion;
            context.start(() -> answer(context, body, done));
        }
    }

    @Override
    public void write(String text, Consumer<Throwable> completion) {
        AsyncContext context;
        boolean keptAndDone = false;
        synchronized (lock) {
            if (closed) {
                completion.accept(new IOException("The long-polling transport has ended"));
                return;
            }
            context = held;
            held = null;
            if (context == null) {
                pending.append(text);
                if (pending.length() <= MAX_PENDING_CHARS) {
                    keptAndDone = true;
                } else {
                    pendingCompletion = completion;
                }
            }
        }
        if (context == null) {
            if (keptAndDone) {
                completion.accept(null); // kept for the next poll; let the queue send what follows
            }
            return;
        }
        context.start(() -> answer(context, text, completion));
    }

    private String takePending() {
        String text = pending.toString();
        pending.setLength(0);
        return text;
    }

    private Consumer<Throwable> takeCompletion() {
        Consumer<Throwable> completion = pendingCompletion;
        pendingCompletion = null;
        return completion == null ? ignored -> { } : completion;
    }

    @Override
    public void close(Throwable error) {
        AsyncContext context;
        Consumer<Throwable> completion;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            // A held poll means nothing is pending (a write answers the held poll): it gets the end now.
            context = held;
            held = null;
            completion = pendingCompletion;
            pendingCompletion = null;
            if (error != null) {
                pending.setLength(0); // an error end: what waits is dropped, and the client gets 404 from now on
            }
            if (context != null || error != null) {
                endCollected = true;
            }
        }
        if (context != null) {
            noContent(context);
        }
        if (completion != null) {
            completion.accept(new IOException("The long-polling transport has ended"));
        }
    }

    private void answer(AsyncContext context, String text, Consumer<Throwable> completion) {
        try {
            answer((HttpServletResponse) context.getResponse(), text, completion);
        } finally {
            complete(context);
            absentSince = System.nanoTime();
        }
    }

    private static void answer(HttpServletResponse response, String text, Consumer<Throwable> completion) {
        try {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/octet-stream");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
            completion.accept(null);
        } catch (IOException | RuntimeException e) {
            completion.accept(e);
        }
    }

    private void noContent(AsyncContext context) {
        try {
            noContent((HttpServletResponse) context.getResponse());
        } finally {
            complete(context);
            absentSince = System.nanoTime();
        }
    }

    private static void noContent(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setContentType("text/plain");
    }

    private static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (the client went away)
        }
    }

    /** Ends held polls when their time is up or their client went away. */
    private final class PollListener implements AsyncListener {

        @Override
        public void onTimeout(AsyncEvent event) {
            AsyncContext context = event.getAsyncContext();
            synchronized (lock) {
                if (held != context) {
                    return; // already answered
                }
                held = null;
            }
            HttpServletResponse response = (HttpServletResponse) context.getResponse();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/plain");
            response.setContentLength(0);
            complete(context);
            absentSince = System.nanoTime();
        }

        @Override
        public void onError(AsyncEvent event) {
            synchronized (lock) {
                if (held == event.getAsyncContext()) {
                    held = null;
                }
            }
            absentSince = System.nanoTime();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing: every path that completes a poll has done its bookkeeping
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not used
        }
    }
}
