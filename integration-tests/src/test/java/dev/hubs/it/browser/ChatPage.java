package dev.hubs.it.browser;

import dev.hubs.it.support.Await;
import jakarta.json.JsonObject;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The sample chat (sample-war's {@code index.html} and {@code js/chat.js}) in one browser, used as a person would:
 * type a name, join, type messages, join rooms, read the messages, notices, announcements and the people online.
 * Every wait is a {@link WebDriverWait} for a condition of the page.
 */
final class ChatPage {

    private static final Duration WAIT = Await.TIMEOUT;

    private final Chromium browser;
    private final String label;

    ChatPage(Chromium browser, String label) {
        this.browser = browser;
        this.label = label;
    }

    String label() {
        return label;
    }

    Chromium browser() {
        return browser;
    }

    /** Opens the chat and waits until its status says it is connected. */
    ChatPage open(URL base) {
        browser.driver().get(base.toString());
        until("the status to say the page is connected", driver -> "connected".equals(
                driver.findElement(By.id("status")).getDomAttribute("data-state")));
        return this;
    }

    /** The status line's state and text. */
    String status() {
        var status = browser.driver().findElement(By.id("status"));
        return status.getDomAttribute("data-state") + ": " + status.getText();
    }

    /** Whether a global of the page (such as WebSocket) exists. */
    boolean pageHas(String global) {
        return Boolean.TRUE.equals(browser.driver().executeScript("return typeof window[arguments[0]] !== 'undefined'",
                global));
    }

    /** Whether an element of the page is shown (present, and not hidden by the page or its style sheet). */
    boolean shows(String id) {
        return browser.driver().findElement(By.id(id)).isDisplayed();
    }

    /**
     * Signs in through the sample's "Sign in" link (form login), which leads back to the chat; waits until the page
     * is connected and has taken the account's name (the message form shows, the Send button is enabled).
     */
    ChatPage signIn(URL base, String user, String password) {
        var driver = browser.driver();
        driver.get(base.toString());
        driver.findElement(By.id("sign-in")).click();
        until("the login form", ExpectedConditions.visibilityOfElementLocated(By.id("j_username")));
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        until("the chat page to be connected again", d -> d.findElements(By.id("status")).size() == 1
                && "connected".equals(d.findElement(By.id("status")).getDomAttribute("data-state")));
        until("the message form to show", ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        until("the Send button to be enabled", ExpectedConditions.elementToBeClickable(By.id("send")));
        return this;
    }

    /** The text of an element. */
    String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** Enters a name and joins; waits until the send button is enabled. */
    void join(String name) {
        var driver = browser.driver();
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("join")).click();
        until("the message form to show", ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        until("the Send button to be enabled", ExpectedConditions.elementToBeClickable(By.id("send")));
    }

    /** Types a message to everyone and sends it; waits until the page shows it (the server relays it back). */
    void send(String message) {
        sendTo("", message);
    }

    /**
     * Types a message to a room (or to everyone for an empty room) and sends it; waits until the page shows it and
     * is ready for the next one (the server's relay of a message may arrive before the completion of its
     * {@code invoke}, after which the page clears the message box and enables Send again).
     */
    void sendTo(String room, String message) {
        var driver = browser.driver();
        new Select(driver.findElement(By.id("target"))).selectByValue(room);
        driver.findElement(By.id("message")).sendKeys(message);
        driver.findElement(By.id("send")).click();
        until("the page to show its own message '" + message + "'" + (room.isEmpty() ? "" : " in #" + room),
                ignored -> messages().stream().anyMatch(line -> (room.isEmpty() ? !line.startsWith("#")
                        : line.startsWith("#" + room + " ")) && line.endsWith(": " + message)));
        until("the message box to be empty and Send enabled again", d ->
                d.findElement(By.id("message")).getDomProperty("value").isEmpty()
                        && d.findElement(By.id("send")).isEnabled());
    }

    /** Joins a room through the room form; waits until the page lists it among its rooms. */
    void joinRoom(String room) {
        var driver = browser.driver();
        driver.findElement(By.id("room")).sendKeys(room);
        driver.findElement(By.id("join-room")).click();
        String canonical = room.toLowerCase(Locale.ROOT);
        until("the page to list #" + canonical + " among its rooms",
                ignored -> texts("#my-rooms .room").contains("#" + canonical));
    }

    /**
     * The chat messages shown, in order: {@code name: text} for messages to everyone, {@code #room name: text} for
     * messages to a room.
     */
    List<String> messages() {
        return strings("""
                return Array.from(document.querySelectorAll('#messages li.message')).map(li =>
                    (li.dataset.room ? '#' + li.dataset.room + ' ' : '')
                    + li.querySelector('.name').textContent + ': ' + li.querySelector('.text').textContent)""");
    }

    /** The notices shown (joined, left, connection changes), in order. */
    List<String> notices() {
        return texts("#messages li.notice .text");
    }

    /** The announcements shown, as {@code from: text}, in order. */
    List<String> announcements() {
        return strings("""
                return Array.from(document.querySelectorAll('#messages li.announcement')).map(li =>
                    li.querySelector('.name').textContent + ': ' + li.querySelector('.text').textContent)""");
    }

    /** The names in the list of people online, in the page's order. */
    List<String> people() {
        return texts("#people .name");
    }

    /** The transport the page says it uses. */
    String transport() {
        return text("transport");
    }

    /** Waits until the page shows exactly these messages, in this order. */
    void awaitMessages(List<String> expected) {
        until("the messages " + expected, ignored -> messages().equals(expected));
    }

    /** Waits until the page has shown a notice. */
    void awaitNotice(String notice) {
        until("the notice '" + notice + "'", ignored -> notices().contains(notice));
    }

    /** Waits until the page shows exactly these announcements, in this order. */
    void awaitAnnouncements(List<String> expected) {
        until("the announcements " + expected, ignored -> announcements().equals(expected));
    }

    /** Waits until the list of people online is exactly this one. */
    void awaitPeople(List<String> expected) {
        until("the people online to be " + expected, ignored -> people().equals(expected));
    }

    /** Waits until the rooms in use are exactly these. */
    void awaitRoomsInUse(List<String> expected) {
        until("the rooms in use to be " + expected, ignored -> texts("#open-rooms .room").equals(expected));
    }

    /**
     * Waits until the status line is in a state and shows a text.
     *
     * @param state  the state ({@code connected}, {@code reconnecting} ...)
     * @param text   the status text
     * @param within how long that may take
     */
    void awaitStatus(String state, String text, Duration within) {
        until("the status '" + state + ": " + text + "'", within, ignored -> status().equals(state + ": " + text));
    }

    /**
     * Leaves the chat as a person does by closing its tab: the browser opens another tab and closes the chat's (the
     * browser itself stays, so the test can still close it as usual).
     */
    void leave() {
        var driver = browser.driver();
        String chat = driver.getWindowHandle();
        String other = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        driver.switchTo().window(chat).close();
        driver.switchTo().window(other);
    }

    private List<String> texts(String selector) {
        return strings("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)",
                selector);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String script, Object... arguments) {
        Object lines = browser.driver().executeScript(script, arguments);
        return new ArrayList<>((List<String>) lines);
    }

    /**
     * The transports the page's connections to the hub used, as Chromium's network log shows them: a WebSocket to
     * {@code chathub?id=...} is WebSockets, an EventSource request there ServerSentEvents, and a fetch or XHR GET
     * there LongPolling.
     */
    Set<String> transportsUsed() {
        Set<String> used = new LinkedHashSet<>();
        for (JsonObject event : browser.networkEvents()) {
            JsonObject params = event.getJsonObject("params");
            switch (event.getString("method")) {
                case "Network.webSocketCreated" -> {
                    if (isHubConnection(params.getString("url", ""))) {
                        used.add("WebSockets");
                    }
                }
                case "Network.requestWillBeSent" -> {
                    JsonObject request = params.getJsonObject("request");
                    if (isHubConnection(request.getString("url", ""))) {
                        String type = params.getString("type", "");
                        if ("EventSource".equals(type)) {
                            used.add("ServerSentEvents");
                        } else if (("Fetch".equals(type) || "XHR".equals(type))
                                && "GET".equals(request.getString("method", ""))) {
                            used.add("LongPolling");
                        }
                    }
                }
                default -> {
                    // other network events are not about the transport
                }
            }
        }
        return used;
    }

    private static boolean isHubConnection(String url) {
        return url.contains("/chathub?") && url.contains("id=");
    }

    /** What the page shows and logged, for failure messages. */
    String describe() {
        try {
            return label + " [" + status() + ", transport " + transport() + "] messages " + messages() + ", notices "
                    + notices() + ", announcements " + announcements() + ", online " + people() + "; console: "
                    + browser.console();
        } catch (RuntimeException e) {
            return label + " (not readable: " + e + ")";
        }
    }

    private <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    private <T> T until(String what, Duration wait, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser.driver(), wait).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(label + ": waited " + wait.toSeconds() + " s for " + what + ". "
                    + describe(), e);
        }
    }
}
