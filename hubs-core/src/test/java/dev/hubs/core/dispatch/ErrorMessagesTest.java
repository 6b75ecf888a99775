package dev.hubs.core.dispatch;

import dev.hubs.HubException;
import dev.hubs.core.protocol.InvalidArgumentsException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorMessagesTest {

    static class RoomFullException extends HubException {
        RoomFullException(String message) {
            super(message);
        }
    }

    @Test
    void invocationFailedGenericText() {
        assertEquals("An unexpected error occurred invoking 'send' on the server.",
                ErrorMessages.invocationFailed("send", new IllegalStateException("secret"), false));
        assertEquals("An unexpected error occurred invoking 'send' on the server.",
                ErrorMessages.invocationFailed("send", null, false));
    }

    @Test
    void invocationFailedHubExceptionIsAlwaysAppended() {
        assertEquals("An unexpected error occurred invoking 'send' on the server. HubException: boom",
                ErrorMessages.invocationFailed("send", new HubException("boom"), false));
        assertEquals("An unexpected error occurred invoking 'send' on the server. HubException: boom",
                ErrorMessages.invocationFailed("send", new HubException("boom"), true));
        assertEquals("An unexpected error occurred invoking 'join' on the server. RoomFullException: full",
                ErrorMessages.invocationFailed("join", new RoomFullException("full"), false));
    }

    @Test
    void invocationFailedDetailed() {
        assertEquals("An unexpected error occurred invoking 'send' on the server. IllegalStateException: secret",
                ErrorMessages.invocationFailed("send", new IllegalStateException("secret"), true));
    }

    @Test
    void bindingFailed() {
        assertEquals("Failed to invoke 'nope' due to an error on the server. HubException: Method does not exist.",
                ErrorMessages.bindingFailed("nope", new HubException("Method does not exist."), false));
        InvalidArgumentsException count =
                new InvalidArgumentsException("Invocation provides 1 argument(s) but target expects 2.");
        assertEquals("Failed to invoke 'add' due to an error on the server.",
                ErrorMessages.bindingFailed("add", count, false));
        assertEquals("Failed to invoke 'add' due to an error on the server. InvalidArgumentsException: "
                        + "Invocation provides 1 argument(s) but target expects 2.",
                ErrorMessages.bindingFailed("add", count, true));
    }

    @Test
    void connectionClosed() {
        assertEquals("Connection closed with an error.",
                ErrorMessages.connectionClosed(new RuntimeException("x"), false));
        assertEquals("Connection closed with an error.", ErrorMessages.connectionClosed(null, true));
        assertEquals("Connection closed with an error. RuntimeException: x",
                ErrorMessages.connectionClosed(new RuntimeException("x"), true));
    }

    @Test
    void handshakeFailed() {
        assertEquals("An unexpected error occurred during connection handshake.",
                ErrorMessages.handshakeFailed(new RuntimeException("x"), false));
        assertEquals("An unexpected error occurred during connection handshake. RuntimeException: x",
                ErrorMessages.handshakeFailed(new RuntimeException("x"), true));
    }
}
