package dev.hubs.it.js;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
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
import java.util.List;
import java.util.Map;

import static dev.hubs.it.support.JsScenario.sorted;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A hub calling its clients through a typed client interface ({@link ModelClient} via
 * {@code HubCallerClients<ModelClient>}), received by the official JavaScript client (script {@code typed.mjs}):
 * each call arrives under the Java method's name, or the name of its {@code @ClientMethod}, with its arguments.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(TypedClientsJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void typedProxiesReachTheirTargets(Transport transport) {
        JsScenario typed = NodeClient.run("typed.mjs", base, transport, "typedTargets").scenario("typedTargets");
        assertAll(
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(typed to all)"),
                                "b", List.of("receive(typed to all)"),
                                "c", List.of("receive(typed to all)"))),
                        typed.callsByConnection("all"), "typed all(): " + typed),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of("receive(typed to the caller b)"),
                                "c", List.of())),
                        typed.callsByConnection("caller"), "typed caller(): " + typed),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of(),
                                "c", List.of("receive(typed to the group)"))),
                        typed.callsByConnection("group"), "typed group(): " + typed));
    }

    @OverEveryTransport
    void callsArriveUnderTheClientMethodName(Transport transport) {
        JsScenario names = NodeClient.run("typed.mjs", base, transport, "clientMethodNames").scenario("clientMethodNames");
        assertAll(
                () -> assertEquals(sorted(Map.of("a", List.of("ReceiveRenamed(under another name)"), "b", List.of())),
                        names.callsByConnection("renamed"),
                        "@ClientMethod(\"ReceiveRenamed\") renamed(...) must call ReceiveRenamed, not renamed: " + names),
                () -> assertNull(names.string("pairResult"), names::toString),
                () -> assertEquals("pair(text, 42)", names.string("pair"), names::toString),
                () -> assertEquals(sorted(Map.of("a", List.of(), "b", List.of())),
                        names.callsByConnection("afterPair"), "pair(...) is called once, on the caller only: " + names));
    }
}
