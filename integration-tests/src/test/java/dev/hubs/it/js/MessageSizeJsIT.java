package dev.hubs.it.js;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.OverEveryTransport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hubs.maximum-receive-message-size=1KB} with the official JavaScript client (script {@code options.mjs}): an
 * invocation whose record is below the limit works; one above it ends the connection with SignalR's error Close,
 * which the client reports as {@value LifecycleJsIT#CLOSED_WITH_ERROR}. Other connections are not affected, and
 * {@code hubs.ModelHub.maximum-receive-message-size=4KB} gives one hub a larger limit than the global one.
 */
@ExtendWith(ArquillianExtension.class)
class MessageSizeJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(MessageSizeJsIT.class, EchoHub.class, Person.class, Address.class,
                        ModelHub.class, ModelClient.class, CallerInfo.class),
                "hubs.maximum-receive-message-size=1KB",
                "hubs.ModelHub.maximum-receive-message-size=4KB");
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void aLargerInvocationEndsTheConnection(Transport transport) {
        JsScenario size = NodeClient.run("options.mjs", base, transport, "maximumReceiveMessageSize")
                .scenario("maximumReceiveMessageSize");
        assertAll(
                () -> assertTrue(size.number("smallRecordLength") < 1000, size::toString),
                () -> assertTrue(size.bool("smallEchoed"), "a record below 1 KB is accepted: " + size),
                () -> assertTrue(size.number("largeRecordLength") > 1024, size::toString),
                () -> assertTrue(size.has("largeInvocation.failed"), "the larger invocation must not complete: " + size),
                () -> assertEquals(LifecycleJsIT.CLOSED_WITH_ERROR, size.string("closed"), size::toString),
                () -> assertEquals("Disconnected", size.string("state"), size::toString),
                () -> assertTrue(size.bool("otherStillUsable"), size::toString));
    }

    @OverEveryTransport
    void aHubOfItsOwnHasItsOwnLimit(Transport transport) {
        JsScenario perHub = NodeClient.run("options.mjs", base, transport, "perHubMaximumReceiveMessageSize")
                .scenario("perHubMaximumReceiveMessageSize");
        assertAll(
                () -> assertTrue(perHub.bool("modelReceivedItsOwn2000Characters"),
                        "ModelHub accepts 2000 characters (4 KB): " + perHub),
                () -> assertTrue(perHub.has("echoInvocation.failed"), "EchoHub does not (1 KB): " + perHub),
                () -> assertEquals(LifecycleJsIT.CLOSED_WITH_ERROR, perHub.string("echoClosed"), perHub::toString),
                () -> assertEquals("Connected", perHub.string("modelState"), perHub::toString));
    }
}
