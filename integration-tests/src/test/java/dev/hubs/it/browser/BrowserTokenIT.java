package dev.hubs.it.browser;

import dev.hubs.it.security.SecuredHub;
import dev.hubs.it.security.TestTokens;
import dev.hubs.it.support.Await;
import dev.hubs.it.support.Deployments;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.FileAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official browser client in headless Chromium with {@code accessTokenFactory}, on a hub protected by
 * {@code @RolesAllowed} ({@link SecuredHub}): a browser cannot set headers on a WebSocket or an {@code EventSource},
 * so the client sends the token as {@code access_token} in their URLs (Chromium's network log shows it) and as
 * {@code Authorization} on negotiate and long polling. Every transport is served under the token's user; a token
 * without the role is refused.
 */
@ExtendWith(ArquillianExtension.class)
class BrowserTokenIT {

    /** Starts a connection with a transport and a token, asks whoAmI and transport, stops; reports as JSON. */
    private static final String CONNECT = """
            const [transport, token, done] = arguments;
            const connection = new signalR.HubConnectionBuilder()
                .withUrl("secured", { transport: signalR.HttpTransportType[transport], accessTokenFactory: () => token })
                .build();
            connection.start()
                .then(async () => {
                    const who = await connection.invoke("whoAmI");
                    const used = await connection.invoke("transport");
                    await connection.stop();
                    done(JSON.stringify({ who, used }));
                })
                .catch((error) => done(JSON.stringify({ error: String(error) })));
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Path client = Path.of(System.getProperty("hubs.it.node.dir", "target/npm"),
                "node_modules/@microsoft/signalr/dist/browser/signalr.min.js");
        if (!Files.isRegularFile(client)) {
            throw new IllegalStateException(client + " is missing: the build's npm ci installs it");
        }
        return TestTokens.configure(Deployments.fallbackWar(BrowserTokenIT.class, SecuredHub.class))
                .addAsWebResource(new FileAsset(client.toFile()), "signalr.min.js")
                .addAsWebResource(new StringAsset("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>tokens</title><link rel=\"icon\" href=\"data:,\">"
                        + "<script src=\"signalr.min.js\"></script></head><body></body></html>"), "index.html");
    }

    @ArquillianResource
    URL base;

    private static JsonObject connect(Chromium browser, String transport, String token) {
        Object result = browser.driver().executeAsyncScript(CONNECT, transport, token);
        return dev.hubs.it.support.RawHub.parse(String.valueOf(result));
    }

    /** The URLs the page opened to the hub with a given CDP event and request type. */
    private static List<String> hubUrls(Chromium browser, String method, String type) {
        return browser.networkEvents().stream()
                .filter(event -> event.getString("method").equals(method))
                .map(event -> event.getJsonObject("params"))
                .filter(params -> type == null || type.equals(params.getString("type", "")))
                .map(params -> params.containsKey("request")
                        ? params.getJsonObject("request").getString("url", "") : params.getString("url", ""))
                .filter(url -> url.contains("/secured?"))
                .toList();
    }

    @Test
    void everyTransportCarriesTheTokenAsBrowsersCan() {
        String alice = TestTokens.token("alice", "chat");
        try (Chromium browser = Chromium.start()) {
            browser.driver().manage().timeouts().scriptTimeout(Await.TIMEOUT.plus(Duration.ofSeconds(10)));
            browser.driver().get(base.toString());
            Map<String, JsonObject> results = Map.of(
                    "WebSockets", connect(browser, "WebSockets", alice),
                    "ServerSentEvents", connect(browser, "ServerSentEvents", alice),
                    "LongPolling", connect(browser, "LongPolling", alice));
            JsonObject guest = connect(browser, "WebSockets", TestTokens.token("guest", "visitors"));
            List<String> sockets = hubUrls(browser, "Network.webSocketCreated", null);
            List<String> streams = hubUrls(browser, "Network.requestWillBeSent", "EventSource");
            assertAll(
                    () -> results.forEach((transport, result) -> {
                        assertEquals("alice/alice/jwt", result.getString("who", null), transport + ": " + result);
                        assertEquals(transport, result.getString("used", null), transport + ": " + result);
                    }),
                    () -> assertTrue(guest.getString("error", "").contains("403"), guest::toString),
                    () -> assertEquals(1, sockets.size(), sockets::toString),
                    () -> assertTrue(sockets.get(0).contains("access_token="), sockets::toString),
                    () -> assertEquals(1, streams.size(), streams::toString),
                    () -> assertTrue(streams.get(0).contains("access_token="), streams::toString));
        }
    }
}
