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

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invocations that cannot be bound, seen by the official JavaScript client (script {@code errors.mjs}, hub
 * {@link ModelHub}): each gets an error completion with the text of the ASP.NET Core server (without detailed errors)
 * and the connection stays open. The texts of a hub method that throws are checked in {@link EchoJsIT}.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.fallbackWar(ErrorsJsIT.class, ModelHub.class, ModelClient.class, CallerInfo.class);
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void bindingErrorsFailTheInvocationOnly(Transport transport) {
        JsScenario errors = NodeClient.run("errors.mjs", base, transport, "invocationErrors")
                .scenario("invocationErrors");
        assertAll(
                () -> assertEquals("Failed to invoke 'noSuchMethod' due to an error on the server. "
                                + "HubException: Method does not exist.",
                        errors.string("unknownMethod"), errors::toString),
                () -> assertEquals("Failed to invoke 'sendCaller' due to an error on the server.",
                        errors.string("tooFewArguments"), errors::toString),
                () -> assertEquals("Failed to invoke 'sendCaller' due to an error on the server.",
                        errors.string("tooManyArguments"), errors::toString),
                () -> assertEquals("Failed to invoke 'sendCaller' due to an error on the server.",
                        errors.string("tooManyArgumentsOtherCase"),
                        "The text names a known method as declared, whatever case the client used: " + errors),
                () -> assertEquals("Failed to invoke 'sendClients' due to an error on the server.",
                        errors.string("notAList"), errors::toString),
                () -> assertEquals("Failed to invoke 'typedPair' due to an error on the server.",
                        errors.string("notANumber"), errors::toString),
                () -> assertTrue(errors.bool("stillUsable"), errors::toString),
                () -> assertEquals("Connected", errors.string("state"), errors::toString));
    }
}
