package dev.hubs.it.js;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.NodeRun;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hub knows of its caller ({@code HubCallerContext}) when the caller is the official JavaScript client
 * (script {@code context.mjs}, hub {@link ModelHub}): the connection id of negotiate, no user without authentication,
 * the transport, the connecting request's headers, query parameters (never the secret {@code id}) and cookies, the
 * connection's items, and {@code abort()}.
 */
@ExtendWith(ArquillianExtension.class)
class CallerContextJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(CallerContextJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void identityAndConnectingRequest(Transport transport) {
        NodeRun run = NodeClient.run("context.mjs", base, transport, "identity", "request");
        JsScenario identity = run.scenario("identity");
        JsScenario request = run.scenario("request");
        assertAll(
                () -> assertEquals(identity.string("connectionId"), identity.string("whoAmI"), identity::toString),
                () -> assertNull(identity.string("userId"), "anonymous, default UserIdProvider: " + identity),
                () -> assertEquals(transport.name(), identity.string("transport"), identity::toString),
                () -> assertEquals("yes", request.string("header"), request::toString),
                () -> assertEquals("yes", request.string("headerOtherCase"), request::toString),
                () -> assertTrue(request.string("userAgent").startsWith("Microsoft SignalR/"),
                        "the JavaScript client's User-Agent under Node: " + request),
                () -> assertNull(request.string("missingHeader"), request::toString),
                () -> assertEquals("blue", request.string("query"), request::toString),
                () -> assertNull(request.string("idQuery"), "the connection token must not be visible: " + request),
                () -> assertTrue(request.strings("queryNames").contains("room"), request::toString),
                () -> assertFalse(request.strings("queryNames").contains("id"), request::toString),
                () -> assertEquals("oatmeal", request.string("cookie"), request::toString),
                () -> assertEquals("large", request.string("secondCookie"), request::toString),
                () -> assertNull(request.string("missingCookie"), request::toString));
    }

    @OverEveryTransport
    void itemsLastAsLongAsTheConnection(Transport transport) {
        JsScenario items = NodeClient.run("context.mjs", base, transport, "items").scenario("items");
        assertAll(
                () -> assertNull(items.string("first"), items::toString),
                () -> assertEquals("v1", items.string("second"), items::toString),
                () -> assertEquals("v2", items.string("recall"), items::toString),
                () -> assertNull(items.string("otherConnection"), "items belong to one connection: " + items));
    }

    @OverEveryTransport
    void abortClosesTheConnectionWithoutAnError(Transport transport) {
        JsScenario abort = NodeClient.run("context.mjs", base, transport, "abort").scenario("abort");
        assertAll(
                () -> assertNull(abort.string("closed"), "abort() is not an error for the client: " + abort),
                () -> assertEquals("Disconnected", abort.string("state"), abort::toString),
                () -> assertTrue(abort.bool("otherStillUsable"), abort::toString));
    }
}
