package dev.hubs.it.js;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keep-alive and client timeout with short configured intervals ({@code hubs.keep-alive-interval=1s},
 * {@code hubs.client-timeout=3s}) and the official JavaScript client (script {@code options.mjs}).
 *
 * <p>The JavaScript client sends a Ping right after its handshake, then one whenever it has sent nothing for
 * {@code keepAliveIntervalInMilliseconds}; it closes the connection itself when it has heard nothing for
 * {@code serverTimeoutInMilliseconds}. Both are set per connection by the script.
 *
 * <p>WebSockets and Server-Sent Events only. Long polling keeps itself alive, in SignalR as here: the server sends
 * no pings on it (its client is back with the next poll, and a ping would only end a held poll early), the client
 * sends none and has no server timeout, and so the client timeout, which starts with the client's first Ping, never
 * starts. A long-polling client that vanishes is noticed by the disconnect timeout instead
 * ({@code dev.hubs.it.fallback.TimeoutsIT}).
 */
@ExtendWith(ArquillianExtension.class)
class KeepAliveJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(KeepAliveJsIT.class, EchoHub.class, Person.class, Address.class),
                "hubs.keep-alive-interval=1s",
                "hubs.client-timeout=3s");
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"WebSockets", "ServerSentEvents"})
    void serverPingsKeepAQuietConnectionOpen(Transport transport) {
        JsScenario quiet = NodeClient.run("options.mjs", base, transport, "serverPingsKeepTheClientAlive")
                .scenario("serverPingsKeepTheClientAlive");
        assertAll(
                () -> assertTrue(quiet.bool("quiet.stayedOpen"),
                        "With serverTimeoutInMilliseconds=3000 the client closes after 3 s without a message: " + quiet),
                () -> assertTrue(quiet.number("pingsDuringQuietPeriod") >= 2,
                        "5 quiet seconds with a 1 s keep-alive interval: " + quiet),
                () -> assertEquals("still here", quiet.string("echoAfterwards"), quiet::toString),
                () -> assertEquals("Connected", quiet.string("state"), quiet::toString));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"WebSockets", "ServerSentEvents"})
    void aSilentClientIsClosedAfterTheClientTimeout(Transport transport) {
        JsScenario silent = NodeClient.run("options.mjs", base, transport, "silentClientIsClosed")
                .scenario("silentClientIsClosed");
        assertAll(
                () -> assertEquals(LifecycleJsIT.CLOSED_WITH_ERROR, silent.string("closed"), silent::toString),
                () -> assertTrue(silent.number("closedAfterMs") >= 2500,
                        "closed before the 3 s client timeout had passed: " + silent),
                () -> assertEquals("Connected", silent.string("pingingState"), silent::toString),
                () -> assertEquals("pinging is fine", silent.string("pingingEcho"), silent::toString));
    }
}
