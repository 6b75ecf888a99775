package dev.hubs.it.fallback;

import dev.hubs.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static dev.hubs.it.support.JsScenario.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WAR without hubs-servlet-fallback: negotiate offers WebSockets only, and the requests of the fallback
 * transports are refused.
 */
@ExtendWith(ArquillianExtension.class)
class WithoutFallbackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hubWar(WithoutFallbackIT.class, TransportHub.class, DisconnectLog.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void negotiateOffersWebSocketsOnlyAndPollsAreRefused() {
        HubHttp http = new HubHttp(base, "transport");
        assertEquals(json("[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}]"),
                http.raw().negotiateV1().get("availableTransports"));

        String query = "id=" + http.negotiateToken();
        HttpResponse<String> poll = http.get(query);
        HttpResponse<String> events = http.getEventStreamRefused(query);
        HttpResponse<String> post = http.post(query, Records.HANDSHAKE);
        for (HttpResponse<String> refused : new HttpResponse[] {poll, events, post}) {
            assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500,
                    "Without the fallback module: " + HubHttp.describe(refused));
        }
    }
}
