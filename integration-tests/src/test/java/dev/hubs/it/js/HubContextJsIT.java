package dev.hubs.it.js;

import dev.hubs.it.fixtures.CallerInfo;
import dev.hubs.it.fixtures.ModelClient;
import dev.hubs.it.fixtures.ModelHub;
import dev.hubs.it.fixtures.ModelResource;
import dev.hubs.it.fixtures.QueryUserIdProvider;
import dev.hubs.it.fixtures.RestApplication;
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

/**
 * {@code @Inject HubContext<ModelHub>} in a Jakarta REST resource ({@link ModelResource}): the script
 * {@code hubcontext.mjs} calls the resource with fetch, and its connections of the official JavaScript client receive
 * what the resource sends, untyped and typed, to all, a connection, a user and a group it manages.
 */
@ExtendWith(ArquillianExtension.class)
class HubContextJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(HubContextJsIT.class, RestApplication.class, ModelResource.class, ModelHub.class,
                ModelClient.class, CallerInfo.class, QueryUserIdProvider.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void restResourceReachesTargets(Transport transport) {
        JsScenario rest = NodeClient.run("hubcontext.mjs", base, transport, "untypedTargets").scenario("untypedTargets");
        assertAll(
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(from REST to all)"),
                                "b", List.of("receive(from REST to all)"),
                                "c", List.of("receive(from REST to all)"))),
                        rest.callsByConnection("all"), "clients().all(): " + rest),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of("receive(from REST to b)"),
                                "c", List.of())),
                        rest.callsByConnection("client"), "clients().client(b): " + rest),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(from REST to alice)"),
                                "b", List.of(),
                                "c", List.of())),
                        rest.callsByConnection("user"), "clients().user(alice): " + rest));
    }

    @OverEveryTransport
    void restResourceManagesGroups(Transport transport) {
        JsScenario groups = NodeClient.run("hubcontext.mjs", base, transport, "groups").scenario("groups");
        assertAll(
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(from REST to the desk)"),
                                "b", List.of(),
                                "c", List.of("receive(from REST to the desk)"))),
                        groups.callsByConnection("afterAdd"), "groups().add(a and c): " + groups),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of(),
                                "c", List.of("receive(from REST after a was removed)"))),
                        groups.callsByConnection("afterRemove"), "groups().remove(a): " + groups),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of(),
                                "b", List.of("receive(from REST after b joined in the hub)"),
                                "c", List.of("receive(from REST after b joined in the hub)"))),
                        groups.callsByConnection("afterHubJoin"), "a group joined in the hub: " + groups));
    }

    @OverEveryTransport
    void restResourceCallsTypedClients(Transport transport) {
        JsScenario typed = NodeClient.run("hubcontext.mjs", base, transport, "typed").scenario("typed");
        assertAll(
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("receive(typed from REST)"),
                                "b", List.of("receive(typed from REST)"),
                                "c", List.of("receive(typed from REST)"))),
                        typed.callsByConnection("all"), "clients(ModelClient.class).all(): " + typed),
                () -> assertEquals(sorted(Map.of(
                                "a", List.of("ReceiveRenamed(renamed from REST)"),
                                "b", List.of("ReceiveRenamed(renamed from REST)"),
                                "c", List.of("ReceiveRenamed(renamed from REST)"))),
                        typed.callsByConnection("renamed"), "@ClientMethod through HubContext: " + typed));
    }
}
