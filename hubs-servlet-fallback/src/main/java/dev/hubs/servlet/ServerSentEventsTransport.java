package dev.hubs.servlet;

import dev.hubs.core.HubRuntime;
import dev.hubs.core.connection.HubConnectionContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Server-Sent Events: one long GET response carries every message to the client as {@code data:} events.
 *
 * <p>Each write of the outbound queue (one or several records) becomes one event; a line break inside it (JSON
 * never has one, but a line of text might) starts a new {@code data:} line, which the client joins back with a line
 * feed. The request is asynchronous: no thread waits on an idle stream, and each write runs on a container thread
 * of the async context, never on the sender's. The stream ends when the connection ends, or when the client goes
 * away (the container reports an error, or a write fails).
 *
 * <p>Every write is flushed twice: on Open Liberty the first flush of a response only commits its headers, and
 * the client waits for the stream's first bytes before it sends its handshake.
 */
final class ServerSentEventsTransport extends FallbackChannel {

    /** SignalR's name of this transport. */
    static final String NAME = "ServerSentEvents";

    /** A comment line first, so that every browser fires its open event without waiting for a message. */
    private static final byte[] PREAMBLE = ":\r\n".getBytes(StandardCharsets.US_ASCII);

    private final HubRuntime runtime;
    private final HubConnectionContext connection;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AsyncContext context;
    private volatile ServletOutputStream out;

    ServerSentEventsTransport(HubRuntime runtime, HubConnectionContext connection) {
        this.runtime = runtime;
        this.connection = connection;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Opens the event stream: the request turns asynchronous, nothing is sent yet. Done before the transport is
     * attached to the connection, so that everything a write needs is in place before the client can send.
     *
     * @param request  the GET
     * @param response its response
     * @throws IOException when the stream cannot be opened
     */
    void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache,no-store");
        response.setHeader("Pragma", "no-cache");
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the stream lasts as long as the connection
        async.addListener(new StreamListener());
        out = response.getOutputStream();
        context = async;
    }

    /**
     * Refuses the stream when the connection already has a transport: 409, as SignalR answers.
     */
    void refuse() {
        closed.set(true);
        ((HttpServletResponse) context.getResponse()).setStatus(HttpServletResponse.SC_CONFLICT);
        context.complete();
    }

    /**
     * Sends the preamble; the client opens the stream when it arrives, and only then sends its handshake.
     *
     * @throws IOException when the client is already gone
     */
    void begin() throws IOException {
        synchronized (this) {
            out.write(PREAMBLE);
            flush();
        }
    }

    private void flush() throws IOException {
        out.flush();
        out.flush();
    }

    @Override
    public void write(String text, Consumer<Throwable> completion) {
        AsyncContext current = context;
        if (closed.get() || current == null) {
            completion.accept(new IOException("The event stream has ended"));
            return;
        }
        byte[] event = format(text);
        try {
            current.start(() -> {
                try {
                    // The lock keeps this write off the stream while the request thread still writes the preamble:
                    // the client may already have answered it.
                    synchronized (this) {
                        out.write(event);
                        flush();
                    }
                } catch (IOException | RuntimeException e) {
                    completion.accept(e);
                    return;
                }
                completion.accept(null);
            });
        } catch (IllegalStateException e) {
            completion.accept(e); // the request is already complete: the client went away
        }
    }

    /**
     * One SSE event: {@code data: <line>\r\n} per line of the text, then an empty line.
     *
     * @param text the records
     * @return the event's bytes
     */
    static byte[] format(String text) {
        StringBuilder event = new StringBuilder(text.length() + 16);
        int start = 0;
        while (true) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            event.append("data: ").append(text, start, lineEnd).append("\r\n");
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return event.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close(Throwable error) {
        if (closed.compareAndSet(false, true) && context != null) {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // already complete: the client went away
            }
        }
    }

    /** Notices the end of the stream from the container's side. */
    private final class StreamListener implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            if (closed.getAndSet(true) && connection.transport() != ServerSentEventsTransport.this) {
                return; // a refused stream: the connection belongs to another transport
            }
            runtime.transportClosed(connection, null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close(null);
        }

        @Override
        public void onError(AsyncEvent event) {
            close(event.getThrowable());
            if (connection.transport() == ServerSentEventsTransport.this) {
                runtime.transportClosed(connection, event.getThrowable());
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not used
        }
    }
}
