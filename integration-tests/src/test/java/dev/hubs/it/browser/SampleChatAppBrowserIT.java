package dev.hubs.it.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sample chat as an application, end to end in headless Chromium: two people in two browsers see each other
 * online, chat, meet in a room whose messages only its members read, receive an announcement that a program posts to
 * the REST endpoint (from outside the hub, through {@code HubContext}), and one sees the other leave. Screenshots go
 * to {@code target/screenshots/app-*.png}. The announcements endpoint's refusals are checked over plain HTTP.
 *
 * <p>The WAR is the sample's own, deployed unchanged under its own context root, so the chat's list of people starts
 * empty here whatever {@link SampleChatBrowserIT} left behind (a long-polling page that went away is only noticed
 * by the server after its disconnect timeout).
 */
@ExtendWith(ArquillianExtension.class)
class SampleChatAppBrowserIT {

    @Deployment(testable = false)
    static WebArchive sampleChat() {
        return SampleWar.named("sample-chat-app.war");
    }

    @ArquillianResource
    URL base;

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

                SampleWar.screenshot(grace);
                SampleWar.screenshot(ada);

                // Grace leaves: Ada hears it, in the chat and in the room, and the list of people shrinks.
                grace.leave();
                ada.awaitNotice("Grace left #knitting.");
                ada.awaitNotice("Grace left the chat.");
                ada.awaitPeople(List.of("ada"));
            } finally {
                SampleWar.screenshot(ada);
            }
        }
    }

    /**
     * The announcements endpoint answers as documented: 403 without a signed-in user, 415 for a body that is not
     * JSON (what a form of another site would send), 400 with the reason for a blank text. None of those reaches a
     * page: the one accepted announcement, posted last, is the only one a connected page shows.
     */
    @Test
    void announcementsAreForSignedInUsersAndTakeJsonOnly() throws Exception {
        try (Chromium browser = Chromium.start()) {
            ChatPage reader = new ChatPage(browser, "app-announcements").open(base);
            HttpResponse<String> anonymous = Announcements.anonymous(base).announce("Free pizza");
            Announcements grace = Announcements.signedIn(base, "grace", "grace-chat");
            HttpResponse<String> form = grace.post("application/x-www-form-urlencoded", "text=Free+pizza");
            HttpResponse<String> blank = grace.announce("   ");
            HttpResponse<String> accepted = grace.announce("Announcements are open");
            assertAll(
                    () -> assertEquals(403, anonymous.statusCode(), anonymous::body),
                    () -> assertEquals("Sign in to make announcements.", anonymous.body()),
                    () -> assertEquals(415, form.statusCode(), form::body),
                    () -> assertEquals(400, blank.statusCode(), blank::body),
                    () -> assertEquals("An empty message is not sent.", blank.body()),
                    () -> assertEquals(204, accepted.statusCode(), accepted::body));
            reader.awaitAnnouncements(List.of("grace: Announcements are open"));
        }
    }
}
