package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import dev.hubs.core.CoreLog;
import dev.hubs.core.connection.ConnectionStreams;
import dev.hubs.core.connection.HubConnectionContext;
import dev.hubs.core.connection.UploadStream;
import dev.hubs.core.protocol.CancelInvocationMessage;
import dev.hubs.core.protocol.CompletionMessage;
import dev.hubs.core.protocol.StreamBindingFailureMessage;
import dev.hubs.core.protocol.StreamItemMessage;

import java.util.List;

/**
 * The messages of one hub that are about streams and client results rather than invocations: upload streams
 * (opened by an invocation's {@code streamIds}, fed by StreamItem, ended by Completion), the client's answers to
 * client results (Completion), and the cancellation of a stream of results (CancelInvocation). None of them passes
 * the invocation gate: they are handled as they arrive, so a hub method waiting for them never blocks them.
 *
 * <p>Messages that refer to no stream or result of their connection are ignored (and logged at debug level), as
 * SignalR does: a stream may end on the server while the client is still sending to it.
 */
public final class StreamMessages {

    private final HubDispatcher dispatcher;
    private final boolean detailedErrors;

    StreamMessages(HubDispatcher dispatcher, boolean detailedErrors) {
        this.dispatcher = dispatcher;
        this.detailedErrors = detailedErrors;
    }

    /**
     * The arguments of a method with upload streams in their places, each stream registered so that its items find
     * it. Answers the invocation with the protocol's error instead when the client sent another number of streams
     * than the method takes, or a stream id already in use.
     *
     * @return all arguments, or {@code null} when the invocation was refused
     */
    Object[] withUploads(HubConnectionContext connection, HubMethod method, String invocationId,
                         Object[] arguments, List<String> streamIds) {
        List<HubMethod.Upload> uploads = method.uploads();
        if (streamIds.size() != uploads.size()) {
            dispatcher.answer(connection, invocationId, null, ErrorMessages.invocationFailed(method.name(),
                    ErrorMessages.streamCountMismatch(streamIds.size(), uploads.size()), detailedErrors), method);
            return null;
        }
        if (uploads.isEmpty()) {
            return arguments;
        }
        Object[] all = new Object[method.parameterTypes().size()];
        int argument = 0;
        int upload = 0;
        for (int i = 0; i < all.length; i++) {
            if (upload < uploads.size() && uploads.get(upload).position() == i) {
                String streamId = streamIds.get(upload);
                UploadStream stream = new UploadStream(streamId, uploads.get(upload).itemType(),
                        connection.streamBufferCapacity());
                if (!connection.streams().startUpload(stream)) {
                    endUploads(connection, streamIds.subList(0, upload));
                    dispatcher.answer(connection, invocationId, null, ErrorMessages.idInUse(streamId), method);
                    return null;
                }
                all[i] = stream;
                upload++;
            } else {
                all[i] = arguments[argument++];
            }
        }
        return all;
    }

    /** Ends the uploads of an invocation that is over: later items are dropped, buffered ones still delivered. */
    void endUploads(HubConnectionContext connection, List<String> streamIds) {
        for (String streamId : streamIds) {
            connection.streams().endUpload(streamId, null);
        }
    }

    /**
     * An item of an upload stream. Waits while the stream's buffer is full (see {@link UploadStream}).
     *
     * @param connection the client
     * @param message    the item
     */
    public void streamItem(HubConnectionContext connection, StreamItemMessage message) {
        UploadStream upload = connection.streams().upload(message.invocationId());
        if (upload == null) {
            CoreLog.unexpectedStreamMessage(connection.connectionId(),
                    "an item for no open upload stream '" + message.invocationId() + "'");
            return;
        }
        upload.push(message.item());
    }

    /**
     * An item that could not be converted to its upload stream's item type: that stream fails, the connection
     * carries on.
     *
     * @param connection the client
     * @param message    the failure
     */
    public void streamBindingFailed(HubConnectionContext connection, StreamBindingFailureMessage message) {
        CoreLog.unexpectedStreamMessage(connection.connectionId(), "an item of upload stream '"
                + message.streamId() + "' could not be converted: " + message.cause());
        connection.streams().endUpload(message.streamId(),
                new HubException(ErrorMessages.streamBindingFailed(message.cause(), detailedErrors)));
    }

    /**
     * A Completion from the client: the answer to a client result, or the end of an upload stream.
     *
     * @param connection the client
     * @param message    the completion
     */
    public void completion(HubConnectionContext connection, CompletionMessage message) {
        String id = message.invocationId();
        if (connection.results().complete(id, message.result(), message.error())) {
            return;
        }
        Throwable error = message.error() == null ? null : new HubException(message.error());
        if (!connection.streams().endUpload(id, error)) {
            CoreLog.unexpectedStreamMessage(connection.connectionId(),
                    "a completion for no client result or upload stream '" + id + "'");
        }
    }

    /**
     * A CancelInvocation: the client no longer wants the results of a stream.
     *
     * @param connection the client
     * @param message    the cancellation
     */
    public void cancel(HubConnectionContext connection, CancelInvocationMessage message) {
        ConnectionStreams.Outgoing stream = connection.streams().outgoing(message.invocationId());
        if (stream == null) {
            CoreLog.unexpectedStreamMessage(connection.connectionId(),
                    "a cancellation of no running stream '" + message.invocationId() + "'");
            return;
        }
        stream.cancel(true);
    }
}
