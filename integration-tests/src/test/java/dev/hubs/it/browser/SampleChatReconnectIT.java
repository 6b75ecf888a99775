package dev.hubs.it.browser;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;

/**
 * The sample chat's page when its server goes away and comes back: the application is undeployed under an open page
 * and deployed again, as {@code liberty:dev} does on an edit and as a restarted server looks to a browser. The
 * official client's automatic reconnect brings the page back by itself; the page says so, and joins again under its
 * name and in its rooms, which the new application knew nothing of.
 */
@ExtendWith(ArquillianExtension.class)
class SampleChatReconnectIT {

    private static final String CHAT = "sample-chat-restart";
    /** The page retries after 0, 2, 5 and then every 10 s; a redeployment takes a few seconds. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(60);

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = CHAT, managed = false, testable = false)
    static WebArchive chat() {
        return SampleWar.named(CHAT + ".war");
    }

    @Test
    void thePageReconnectsByItselfAndJoinsAgainWhenTheApplicationRestarts() throws Exception {
        URL base = URI.create("http://localhost:" + System.getProperty("httpPort") + "/" + CHAT + "/").toURL();
        deployer.deploy(CHAT);
        try (Chromium browser = Chromium.start()) {
            ChatPage page = new ChatPage(browser, "reconnect");
            try {
                page.open(base).join("Ada");
                page.joinRoom("knitting");
                page.send("Before the restart");

                deployer.undeploy(CHAT);
                page.awaitNotice("Connection lost. Reconnecting…");
                deployer.deploy(CHAT);

                page.awaitStatus("connected", "Reconnected over WebSockets.", BACK_WITHIN);
                page.awaitNotice("Reconnected over WebSockets.");
                // The new application has the page in its roster and in its room again.
                page.awaitPeople(List.of("Ada"));
                page.sendTo("knitting", "Still in the room");
                page.send("After the restart");
                page.awaitMessages(List.of("Ada: Before the restart", "#knitting Ada: Still in the room",
                        "Ada: After the restart"));
            } finally {
                SampleWar.screenshot(page);
            }
        } finally {
            try {
                deployer.undeploy(CHAT);
            } catch (RuntimeException e) {
                // not deployed: nothing to remove
            }
        }
    }
}
