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
 * {@code hubs.enable-detailed-errors=true} with the official JavaScript client (script {@code errors.mjs}): the error
 * texts gain {@code <exception type>: <message>}, as ASP.NET Core SignalR's with {@code EnableDetailedErrors}.
 */
@ExtendWith(ArquillianExtension.class)
class DetailedErrorsJsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withConfig(
                Deployments.fallbackWar(DetailedErrorsJsIT.class, EchoHub.class, Person.class, Address.class,
                        ModelHub.class, ModelClient.class, CallerInfo.class),
                "hubs.enable-detailed-errors=true");
    }

    @ArquillianResource
    URL base;

    @OverEveryTransport
    void errorTextsCarryTheDetail(Transport transport) {
        JsScenario errors = NodeClient.run("errors.mjs", base, transport, "detailedErrors").scenario("detailedErrors");
        assertAll(
                () -> assertEquals("An unexpected error occurred invoking 'crash' on the server. "
                        + "IllegalStateException: secret detail", errors.string("crash"), errors::toString),
                () -> assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                        errors.string("fail"), errors::toString),
                () -> assertEquals("Failed to invoke 'missing' due to an error on the server. "
                        + "HubException: Method does not exist.", errors.string("missing"), errors::toString),
                // ASP.NET Core names its own exception type here (InvalidDataException); the type is not part of what
                // these tests require, the base text and the reason are.
                () -> assertTrue(errors.string("tooManyArguments")
                                .startsWith("Failed to invoke 'sendCaller' due to an error on the server. "),
                        errors::toString),
                () -> assertTrue(errors.string("tooManyArguments")
                                .endsWith(": Invocation provides 2 argument(s) but target expects 1."),
                        errors::toString),
                () -> assertTrue(errors.string("notANumber")
                                .startsWith("Failed to invoke 'typedPair' due to an error on the server. "),
                        errors::toString),
                () -> assertTrue(errors.string("notANumber").endsWith(": Error binding arguments. Make sure that the "
                        + "types of the provided values match the types of the hub method being invoked."),
                        errors::toString),
                () -> assertTrue(errors.bool("stillUsable"), errors::toString));
    }
}
