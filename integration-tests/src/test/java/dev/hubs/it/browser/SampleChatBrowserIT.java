package dev.hubs.it.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Then the chat as an application, two people in two browsers: they see each other online, chat, meet in a room
 * whose messages only its members read, hear an announcement posted from outside the hub to the REST endpoint, and
 * one sees the other leave. Screenshots go to {@code target/screenshots/app-*.png}.
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
        String file = System.getProperty("hubs.it.sample.war");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("The sample WAR is not there (hubs.it.sample.war=" + file + "): run "
                    + "the tests through Maven, which builds sample-war and passes its file");
        }
        return ShrinkWrap.create(ZipImporter.class, "sample-chat.war").importFrom(Path.of(file).toFile())
                .as(WebArchive.class);
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
                        page.browser().screenshot(screenshots().resolve("chat-" + page.label() + ".png"));
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
                browser.screenshot(screenshots().resolve("chat-joined.png"));
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
                browser.screenshot(screenshots().resolve("chat-signed-in.png"));
            }
        }
    }

    /**
     * Grace chats anonymously in one browser, Ada signed in in another (she joins at once, under her account's
     * name). A message to a room that only Grace is in never reaches Ada: Grace's next message, to everyone, is
     * queued for Ada after it would have been, and Ada's page shows exactly the messages to everyone.
     */
    @Test
    void twoPeopleChatMeetInARoomHearAnAnnouncementAndSeeEachOtherLeave() throws Exception {
        try (Chromium graceBrowser = Chromium.start(); Chromium adaBrowser = Chromium.start()) {
            ChatPage grace = new ChatPage(graceBrowser, "app-grace");
            ChatPage ada = new ChatPage(adaBrowser, "app-ada");
            try {
                grace.open(base).join("Grace");
                grace.awaitPeople(List.of("Grace"));
                ada.signIn(base, "ada", "ada-chat");

                // Both online, each sees the other.
                grace.awaitNotice("ada joined the chat.");
                grace.awaitPeople(List.of("ada", "Grace"));
                ada.awaitPeople(List.of("ada", "Grace"));
                assertAll(
                        () -> assertEquals("WebSockets", grace.transport(), grace::describe),
                        () -> assertEquals("WebSockets", ada.transport(), ada::describe));

                // A chat to everyone.
                ada.send("Hello Grace");
                grace.send("Hello Ada <b>not bold</b>");
                List<String> chat = List.of("ada: Hello Grace", "Grace: Hello Ada <b>not bold</b>");
                ada.awaitMessages(chat);
                grace.awaitMessages(chat);

                // A room: only its members read what is said in it.
                grace.joinRoom("Knitting");
                grace.awaitNotice("Grace joined #knitting.");
                ada.awaitRoomsInUse(List.of("#knitting"));
                grace.sendTo("knitting", "Only for the room");
                grace.send("Back to everyone");
                grace.awaitMessages(List.of("ada: Hello Grace", "Grace: Hello Ada <b>not bold</b>",
                        "#knitting Grace: Only for the room", "Grace: Back to everyone"));
                ada.awaitMessages(List.of("ada: Hello Grace", "Grace: Hello Ada <b>not bold</b>",
                        "Grace: Back to everyone"));

                // Ada joins the room; both members read it.
                ada.joinRoom("knitting");
                grace.awaitNotice("ada joined #knitting.");
                ada.sendTo("knitting", "Count me in");
                grace.awaitMessages(List.of("ada: Hello Grace", "Grace: Hello Ada <b>not bold</b>",
                        "#knitting Grace: Only for the room", "Grace: Back to everyone", "#knitting ada: Count me in"));

                // An announcement from outside the hub: a program posts it to the REST endpoint, signed in as ada.
                HttpResponse<String> posted = Announcements.signedIn(base, "ada", "ada-chat")
                        .announce("The server restarts at noon");
                assertEquals(204, posted.statusCode(), posted::body);
                ada.awaitAnnouncements(List.of("ada: The server restarts at noon"));
                grace.awaitAnnouncements(List.of("ada: The server restarts at noon"));
                // Text stays text: the markup Grace typed is shown as she typed it, not as an element.
                assertEquals(0, graceBrowser.driver().findElements(By.cssSelector("#messages b")).size(),
                        grace::describe);

                screenshot(grace);
                screenshot(ada);

                // Grace leaves: Ada hears it, in the chat and in the room, and the list of people shrinks.
                grace.leave();
                ada.awaitNotice("Grace left #knitting.");
                ada.awaitNotice("Grace left the chat.");
                ada.awaitPeople(List.of("ada"));
            } finally {
                screenshot(ada);
            }
        }
    }

    /**
     * The announcements endpoint answers as documented: 403 without a signed-in user, 415 for a body that is not
     * JSON (what a form of another site would send), 400 with the reason for a blank text; nothing is announced.
     */
    @Test
    void announcementsAreForSignedInUsersAndTakeJsonOnly() throws Exception {
        HttpResponse<String> anonymous = Announcements.anonymous(base).announce("Free pizza");
        Announcements grace = Announcements.signedIn(base, "grace", "grace-chat");
        HttpResponse<String> form = grace.post("application/x-www-form-urlencoded", "text=Free+pizza");
        HttpResponse<String> blank = grace.announce("   ");
        assertAll(
                () -> assertEquals(403, anonymous.statusCode(), anonymous::body),
                () -> assertEquals("Sign in to make announcements.", anonymous.body()),
                () -> assertEquals(415, form.statusCode(), form::body),
                () -> assertEquals(400, blank.statusCode(), blank::body),
                () -> assertEquals("An empty message is not sent.", blank.body()));
    }

    private static void screenshot(ChatPage page) {
        try {
            page.browser().screenshot(screenshots().resolve(page.label() + ".png"));
        } catch (RuntimeException e) {
            // a failed screenshot must not hide the test's own failure
        }
    }

    /** Where screenshots go: {@code hubs.it.screenshots}, else {@code target/screenshots} of the module. */
    private static Path screenshots() {
        return Path.of(System.getProperty("hubs.it.screenshots", "target/screenshots")).toAbsolutePath();
    }
}
