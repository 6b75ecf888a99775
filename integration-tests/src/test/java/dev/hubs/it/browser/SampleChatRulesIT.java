package dev.hubs.it.browser;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.JavaClients;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample chat's hub checks what it is sent, whoever sends it: here the official Java client calls it as any
 * program could, bypassing the page's own checks, and every refusal comes back as the {@code HubException} message
 * the page would show. A signed-in user (the form login's cookie, presented by the Java client) chats under the
 * account's name whatever name it asks for.
 */
@ExtendWith(ArquillianExtension.class)
class SampleChatRulesIT {

    @Deployment(testable = false)
    static WebArchive sampleChat() {
        return SampleWar.named("sample-chat-rules.war");
    }

    @ArquillianResource
    URL base;

    private final JavaClients clients = new JavaClients();

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void theHubRefusesWhatThePageWouldNotSendWithAReason() {
        HubConnection hub = clients.start(base, "chathub");
        assertAll("before joining",
                () -> assertRefused("send", "Join the chat first: choose a name.",
                        () -> call(hub, "send", "hello")),
                () -> assertRefused("joinRoom", "Join the chat first: choose a name.",
                        () -> call(hub, "joinRoom", "knitting")),
                () -> assertRefused("join", "Please choose a name.", () -> call(hub, "join", "   ")),
                () -> assertRefused("join", "Please choose a name.", () -> call(hub, "join", (Object) null)),
                () -> assertRefused("join", "A name has at most 40 characters.",
                        () -> call(hub, "join", "x".repeat(41))),
                () -> assertRefused("join", "A name cannot contain control or formatting characters.",
                        () -> call(hub, "join", "Ada\u202Eecarg")));

        assertEquals("Ada", hub.invoke(String.class, "join", "  Ada ").blockingGet());
        assertAll("joined",
                () -> assertRefused("join", "You have already joined as Ada.", () -> call(hub, "join", "Grace")),
                () -> assertRefused("send", "An empty message is not sent.", () -> call(hub, "send", " ")),
                () -> assertRefused("send", "A message has at most 1000 characters.",
                        () -> call(hub, "send", "x".repeat(1001))),
                () -> assertRefused("joinRoom",
                        "A room name has 1 to 30 letters, digits, '-' or '_', for example \"knitting\".",
                        () -> call(hub, "joinRoom", "knit ting")),
                () -> assertRefused("sendToRoom", "Join #knitting before you talk in it.",
                        () -> call(hub, "sendToRoom", "knitting", "hello")));

        assertEquals("knitting", hub.invoke(String.class, "joinRoom", "#Knitting").blockingGet());
        for (int room = 2; room <= 10; room++) {
            hub.invoke(String.class, "joinRoom", "room-" + room).blockingGet();
        }
        assertRefused("joinRoom", "You are in 10 rooms already: leave one first.",
                () -> call(hub, "joinRoom", "one-too-many"));
    }

    @Test
    void aSignedInUserChatsUnderTheAccountsNameWhateverItAsksFor() throws Exception {
        String cookie = Announcements.signedIn(base, "ada", "ada-chat").cookieHeader();
        HubConnection ada = clients.builder(base, "chathub").withHeader("Cookie", cookie).build();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        ada.on("addNewMessageToPage", (name, message) -> messages.add(name + ": " + message),
                String.class, String.class);
        clients.start(ada);

        @SuppressWarnings("unchecked")
        Map<String, Object> caller = ada.invoke(Map.class, "whoAmI").blockingGet();
        assertAll(
                () -> assertEquals("ada", caller.get("name"), caller::toString),
                () -> assertEquals(true, caller.get("signedIn"), caller::toString),
                () -> assertEquals("WebSockets", caller.get("transport"), caller::toString),
                () -> assertEquals("ada", ada.invoke(String.class, "join", "grace").blockingGet()));
        call(ada, "send", "It is me");
        assertEquals(List.of("ada: It is me"), List.of(Await.next(messages, "ada's own message")));
    }

    /** Invokes a hub method and waits for its completion, whatever its result; a refusal is thrown. */
    private static void call(HubConnection hub, String method, Object... arguments) {
        assertTrue(hub.invoke(method, arguments).blockingAwait(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                () -> method + " did not complete within " + Await.TIMEOUT);
    }

    private static void assertRefused(String method, String reason, Executable call) {
        HubException error = assertThrows(HubException.class, call);
        assertEquals("An unexpected error occurred invoking '" + method + "' on the server. HubException: " + reason,
                error.getMessage());
    }
}
