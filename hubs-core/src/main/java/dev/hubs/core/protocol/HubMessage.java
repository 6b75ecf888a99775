package dev.hubs.core.protocol;

/**
 * A message of the SignalR hub protocol, after the handshake.
 */
public sealed interface HubMessage
        permits InvocationMessage, StreamInvocationMessage, StreamItemMessage, CompletionMessage,
        CancelInvocationMessage, PingMessage, CloseMessage, AckMessage, SequenceMessage,
        InvocationBindingFailureMessage, StreamBindingFailureMessage {

    /** Message type 1. */
    int INVOCATION = 1;
    /** Message type 2. */
    int STREAM_ITEM = 2;
    /** Message type 3. */
    int COMPLETION = 3;
    /** Message type 4. */
    int STREAM_INVOCATION = 4;
    /** Message type 5. */
    int CANCEL_INVOCATION = 5;
    /** Message type 6. */
    int PING = 6;
    /** Message type 7. */
    int CLOSE = 7;
    /** Message type 8. */
    int ACK = 8;
    /** Message type 9. */
    int SEQUENCE = 9;
}
