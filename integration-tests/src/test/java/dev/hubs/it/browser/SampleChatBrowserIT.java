package dev.hubs.it.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample chat in a real browser, headless Debian Chromium, three times at once: one page as it is (WebSockets),
 * one page without {@code window.WebSocket} (the official client falls back to Server-Sent Events) and one page
 * without {@code WebSocket} and {@code EventSource} (long polling). The APIs are removed before any script of the
 * page runs. The three people chat with each other, and every page shows every message, in the same order. A
 * screenshot of each page goes to {@code target/screenshots/}.
 *
 * <p>Which transport a page used is read from Chromium itself: its network events (CDP, through chromedriver's
 * performance log) show the WebSocket, the EventSource request or the polling fetches to {@code chathub}. That keeps
 * the sample unchanged and the proof independent of the page's code and of the server: the page could not lie about
 * it, and a minified client offers no reliable way to ask.
 *
 * <p>{@link SampleChatAppBrowserIT} tests the rest of the application (people online, rooms, announcements).
 *
 * <p>The WAR is the sample's own ({@code sample-war/target/chat.war}, given by the build as
 * {@code hubs.it.sample.war}), deployed unchanged.
 */
@ExtendWith(ArquillianExtension.class)
class SampleChatBrowserIT {

    private static final String NO_WEBSOCKET = "delete window.WebSocket;";
    private static final String NO_EVENTSOURCE = "delete window.EventSource;";

    @Deployment(testable = false)
    static WebArchive sampleChat() {
        return SampleWar.named("sample-chat.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void threePeopleChatOverWebSocketsServerSentEventsAndLongPolling() {
        List<ChatPage> pages = new ArrayList<>();
        try (Chromium webSockets = Chromium.start();
             Chromium serverSentEvents = Chromium.start(NO_WEBSOCKET);
             Chromium longPolling = Chromium.start(NO_WEBSOCKET, NO_EVENTSOURCE)) {
            ChatPage ada = new ChatPage(webSockets, "websockets");
            ChatPage grace = new ChatPage(serverSentEvents, "server-sent-events");
            ChatPage linus = new ChatPage(longPolling, "long-polling");
            pages.addAll(List.of(ada, grace, linus));
            try {
                for (ChatPage page : pages) {
                    page.open(base);
                }
                assertAll(
                        () -> assertTrue(ada.pageHas("WebSocket"), ada::describe),
                        () -> assertFalse(grace.pageHas("WebSocket"), grace::describe),
                        () -> assertTrue(grace.pageHas("EventSource"), grace::describe),
                        () -> assertFalse(linus.pageHas("WebSocket"), linus::describe),
                        () -> assertFalse(linus.pageHas("EventSource"), linus::describe));

                ada.join("Ada");
                grace.join("Grace");
                linus.join("Linus");
                ada.send("Hello from WebSockets");
                grace.send("Hello from Server-Sent Events");
                linus.send("Hello from long polling");

                List<String> conversation = List.of(
                        "Ada: Hello from WebSockets",
                        "Grace: Hello from Server-Sent Events",
                        "Linus: Hello from long polling");
                for (ChatPage page : pages) {
                    page.awaitMessages(conversation);
                }

                assertAll(
                        () -> assertEquals(Set.of("WebSockets"), ada.transportsUsed(), ada::describe),
                        () -> assertEquals(Set.of("ServerSentEvents"), grace.transportsUsed(), grace::describe),
                        () -> assertEquals(Set.of("LongPolling"), linus.transportsUsed(), linus::describe),
                        // What the page shows is what the server sees, and agrees with Chromium's network log.
                        () -> assertEquals("WebSockets", ada.transport(), ada::describe),
                        () -> assertEquals("ServerSentEvents", grace.transport(), grace::describe),
                        () -> assertEquals("LongPolling", linus.transport(), linus::describe));
            } finally {
                for (ChatPage page : pages) {
                    try {
                        page.browser().screenshot(SampleWar.screenshots().resolve("chat-" + page.label() + ".png"));
                    } catch (RuntimeException e) {
                        // a failed screenshot must not hide the test's own failure
                    }
                }
            }
        }
    }

    @Test
    void theNameFormGivesWayToTheMessageFormOnJoining() {
        try (Chromium browser = Chromium.start()) {
            ChatPage page = new ChatPage(browser, "joining").open(base);
            assertAll("before joining",
                    () -> assertTrue(page.shows("name-form"), page::describe),
                    () -> assertFalse(page.shows("message-form"),
                            "The message form is hidden (the hidden attribute) until a name is chosen. "
                                    + page.describe()));
            page.join("Ada");
            try {
                assertAll("after joining",
                        () -> assertFalse(page.shows("name-form"),
                                "The name form is hidden (the hidden attribute) once a name is chosen. "
                                        + page.describe()),
                        () -> assertTrue(page.shows("message-form"), page::describe));
            } finally {
                browser.screenshot(SampleWar.screenshots().resolve("chat-joined.png"));
            }
        }
    }

    @Test
    void aSignedInUserChatsUnderTheAccountsName() {
        try (Chromium browser = Chromium.start()) {
            ChatPage page = new ChatPage(browser, "signed-in").signIn(base, "ada", "ada-chat");
            try {
                assertAll("signed in",
                        () -> assertFalse(page.shows("name-form"), "no name to choose: " + page.describe()),
                        () -> assertEquals("ada", page.text("me"), page::describe),
                        () -> assertEquals("Signed in as ada.", page.text("account"), page::describe));
                page.send("Hello as myself");
                page.awaitMessages(List.of("ada: Hello as myself"));
            } finally {
                browser.screenshot(SampleWar.screenshots().resolve("chat-signed-in.png"));
            }
        }
    }
}
