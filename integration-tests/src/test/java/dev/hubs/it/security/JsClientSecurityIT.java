package dev.hubs.it.security;

import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.JsScenario;
import dev.hubs.it.support.NodeClient;
import dev.hubs.it.support.NodeClient.Transport;
import dev.hubs.it.support.NodeRun;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official JavaScript client with {@code accessTokenFactory} (script {@code security.mjs}) on each transport:
 * WebSockets and long polling carry the token in the {@code Authorization} header, which Open Liberty's MicroProfile
 * JWT validates; the event stream carries it in {@code access_token}, which Hubs accepts as the token the connection
 * was negotiated with. A caller in the role is served and known by name; without a token, with an expired one, with
 * the wrong role or on a {@code @DenyAll} hub the start fails with 401 or 403; a method for another role fails with
 * SignalR's error and the connection goes on.
 */
@ExtendWith(ArquillianExtension.class)
class JsClientSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestTokens.configure(Deployments.fallbackWar(JsClientSecurityIT.class, SecuredHub.class,
                ClosedHub.class));
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyCaseOnEveryTransport(Transport transport) {
        Map<String, String> tokens = Map.of("HUBS_IT_TOKENS", "{\"alice\":\"" + TestTokens.token("alice", "chat")
                + "\",\"root\":\"" + TestTokens.token("root", "chat", "admin")
                + "\",\"guest\":\"" + TestTokens.token("guest", "visitors")
                + "\",\"expired\":\"" + TestTokens.expiredToken("alice", "chat") + "\"}");
        NodeRun run = NodeClient.run(NodeClient.DEFAULT_TIMEOUT, "security.mjs", base, transport, tokens);
        JsScenario allowed = run.scenario("allowed");
        JsScenario administrator = run.scenario("administrator");
        JsScenario missing = run.scenario("missingToken");
        JsScenario wrongRole = run.scenario("wrongRole");
        JsScenario expired = run.scenario("expiredToken");
        JsScenario closed = run.scenario("closedHub");
        assertAll(
                () -> assertEquals(transport.name(), allowed.string("transport"), allowed::toString),
                () -> assertEquals("alice/alice/jwt", allowed.string("whoAmI"), allowed::toString),
                () -> assertTrue(allowed.string("admin")
                        .endsWith("Failed to invoke 'admin' because user is unauthorized"), allowed::toString),
                () -> assertTrue(allowed.string("denied")
                        .endsWith("Failed to invoke 'denied' because user is unauthorized"), allowed::toString),
                () -> assertEquals("still here", allowed.string("echo"), allowed::toString),
                () -> assertEquals("admin done", administrator.string("admin"), administrator::toString),
                () -> assertTrue(missing.string("error").contains("401"), missing::toString),
                () -> assertTrue(wrongRole.string("error").contains("403"), wrongRole::toString),
                () -> assertTrue(expired.string("error").contains("401"), expired::toString),
                () -> assertTrue(closed.string("error").contains("403"), closed::toString));
    }
}
