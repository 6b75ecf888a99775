package dev.hubs.core.connection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams of one connection: the results it is being streamed (by invocation id, so that a CancelInvocation
 * finds them) and the streams it uploads (by stream id, so that its StreamItem and Completion messages find them).
 * The maps are created on first use: most connections never stream.
 */
public final class ConnectionStreams {

    /** A stream of results being sent to the client. */
    public interface Outgoing {
        /**
         * Stops the stream because the client cancelled it or went away.
         *
         * @param sendCompletion whether the client still expects a Completion (not when the connection ended)
         */
        void cancel(boolean sendCompletion);
    }

    private final HubCounters counters;
    private volatile Map<String, Outgoing> outgoing;
    private volatile Map<String, UploadStream> uploads;
    private volatile boolean closed;

    /** Creates the streams of a connection whose hub does not count them. */
    public ConnectionStreams() {
        this(HubCounters.IGNORED);
    }

    /**
     * Creates the streams of a connection, counted in its hub's counters: every stream that enters a map counts
     * until it leaves it.
     *
     * @param counters the hub's counters
     */
    public ConnectionStreams(HubCounters counters) {
        this.counters = counters;
    }

    /**
     * Registers a stream of results.
     *
     * @param invocationId the client's id for it
     * @param stream       the stream
     * @return {@code false} when a stream with that id is already running (the id is then refused), or the
     *         connection has ended
     */
    public boolean startOutgoing(String invocationId, Outgoing stream) {
        Map<String, Outgoing> map = outgoingMap();
        if (closed || map.putIfAbsent(invocationId, stream) != null) {
            return false;
        }
        counters.outgoingStreams(1);
        if (closed) {
            // closeAll ran meanwhile and may have missed it
            if (map.remove(invocationId, stream)) {
                counters.outgoingStreams(-1);
            }
            return false;
        }
        return true;
    }

    /**
     * Forgets a stream of results that ended.
     *
     * @param invocationId its id
     * @param stream       the stream
     */
    public void endOutgoing(String invocationId, Outgoing stream) {
        Map<String, Outgoing> map = outgoing;
        if (map != null && map.remove(invocationId, stream)) {
            counters.outgoingStreams(-1);
        }
    }

    /**
     * Finds a running stream of results.
     *
     * @param invocationId its id
     * @return the stream, or {@code null}
     */
    public Outgoing outgoing(String invocationId) {
        Map<String, Outgoing> map = outgoing;
        return map == null ? null : map.get(invocationId);
    }

    /**
     * Registers an upload stream.
     *
     * @param upload the stream
     * @return {@code false} when an upload with that id is already open (the id is then refused), or the
     *         connection has ended
     */
    public boolean startUpload(UploadStream upload) {
        Map<String, UploadStream> map = uploadMap();
        if (closed || map.putIfAbsent(upload.streamId(), upload) != null) {
            return false;
        }
        counters.uploads(1);
        if (closed) {
            if (map.remove(upload.streamId(), upload)) {
                counters.uploads(-1);
            }
            return false;
        }
        return true;
    }

    /**
     * Finds an open upload.
     *
     * @param streamId its id
     * @return the upload, or {@code null}
     */
    public UploadStream upload(String streamId) {
        Map<String, UploadStream> map = uploads;
        return map == null ? null : map.get(streamId);
    }

    /**
     * Ends an upload and forgets it.
     *
     * @param streamId its id
     * @param error    why it failed, or {@code null} when it completed
     * @return {@code false} when there was no such upload
     */
    public boolean endUpload(String streamId, Throwable error) {
        Map<String, UploadStream> map = uploads;
        UploadStream upload = map == null ? null : map.remove(streamId);
        if (upload == null) {
            return false;
        }
        counters.uploads(-1);
        upload.end(error);
        return true;
    }

    /**
     * Ends everything: the connection is over. Results streams are cancelled, uploads fail with {@code error}.
     *
     * @param error what the uploads' subscribers get
     */
    public void closeAll(Throwable error) {
        closed = true;
        Map<String, Outgoing> out = outgoing;
        if (out != null) {
            for (String id : List.copyOf(out.keySet())) {
                Outgoing stream = out.remove(id);
                if (stream != null) {
                    counters.outgoingStreams(-1);
                    stream.cancel(false);
                }
            }
        }
        Map<String, UploadStream> in = uploads;
        if (in != null) {
            for (String id : List.copyOf(in.keySet())) {
                endUpload(id, error);
            }
        }
    }

    /**
     * How many streams of results run.
     *
     * @return the count
     */
    public int outgoingCount() {
        Map<String, Outgoing> map = outgoing;
        return map == null ? 0 : map.size();
    }

    /**
     * How many uploads are open.
     *
     * @return the count
     */
    public int uploadCount() {
        Map<String, UploadStream> map = uploads;
        return map == null ? 0 : map.size();
    }

    /**
     * The open uploads.
     *
     * @return a snapshot
     */
    public Collection<UploadStream> uploads() {
        Map<String, UploadStream> map = uploads;
        return map == null ? List.of() : List.copyOf(map.values());
    }

    private Map<String, Outgoing> outgoingMap() {
        Map<String, Outgoing> map = outgoing;
        if (map == null) {
            synchronized (this) {
                map = outgoing;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    outgoing = map;
                }
            }
        }
        return map;
    }

    private Map<String, UploadStream> uploadMap() {
        Map<String, UploadStream> map = uploads;
        if (map == null) {
            synchronized (this) {
                map = uploads;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    uploads = map;
                }
            }
        }
        return map;
    }
}
