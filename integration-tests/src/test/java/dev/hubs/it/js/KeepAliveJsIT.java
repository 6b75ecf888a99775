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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 */
@ExtendWith(ArquillianExtension.class)
class KeepAliveJsIT {

    private static final Transport TRANSPORT = Transport.WebSockets;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.hubWar(KeepAliveJsIT.class, EchoHub.class, Person.class, Address.class),
                "hubs.keep-alive-interval=1s",
                "hubs.client-timeout=3s");
    }

    @ArquillianResource
    URL base;

    @Test
    void serverPingsKeepAQuietConnectionOpen() {
        JsScenario quiet = NodeClient.run("options.mjs", base, TRANSPORT, "serverPingsKeepTheClientAlive")
                .scenario("serverPingsKeepTheClientAlive");
        assertAll(
                () -> assertTrue(quiet.bool("quiet.stayedOpen"),
                        "With serverTimeoutInMilliseconds=3000 the client closes after 3 s without a message: " + quiet),
                () -> assertTrue(quiet.number("pingsDuringQuietPeriod") >= 2,
                        "5 quiet seconds with a 1 s keep-alive interval: " + quiet),
                () -> assertEquals("still here", quiet.string("echoAfterwards"), quiet::toString),
                () -> assertEquals("Connected", quiet.string("state"), quiet::toString));
    }

    @Test
    void aSilentClientIsClosedAfterTheClientTimeout() {
        JsScenario silent = NodeClient.run("options.mjs", base, TRANSPORT, "silentClientIsClosed")
                .scenario("silentClientIsClosed");
        assertAll(
                () -> assertEquals(LifecycleJsIT.CLOSED_WITH_ERROR, silent.string("closed"), silent::toString),
                () -> assertTrue(silent.number("closedAfterMs") >= 2500,
                        "closed before the 3 s client timeout had passed: " + silent),
                () -> assertEquals("Connected", silent.string("pingingState"), silent::toString),
                () -> assertEquals("pinging is fine", silent.string("pingingEcho"), silent::toString));
    }
}
