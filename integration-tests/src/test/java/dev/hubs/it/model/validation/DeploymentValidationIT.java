package dev.hubs.it.model.validation;

import dev.hubs.it.fixtures.Address;
import dev.hubs.it.fixtures.EchoHub;
import dev.hubs.it.fixtures.Person;
import dev.hubs.it.fixtures.broken.ApplicationScopedHub;
import dev.hubs.it.fixtures.broken.BadClient;
import dev.hubs.it.fixtures.broken.BadClientHub;
import dev.hubs.it.fixtures.broken.CaseClashHub;
import dev.hubs.it.fixtures.broken.OverloadedHub;
import dev.hubs.it.fixtures.broken.PublisherParameterHub;
import dev.hubs.it.fixtures.broken.SamePathHub;
import dev.hubs.it.fixtures.broken.SamePathOtherHub;
import dev.hubs.it.support.Deployments;
import dev.hubs.it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken applications fail their deployment with a message that names what to fix. Each WAR is deployed on demand
 * ({@code managed = false}), must fail, and the test then reads what the server logged since: the
 * {@code HubDefinitionException} text ({@code Hub <class> cannot be deployed:} and one {@code - <problem>} line per
 * problem naming the method), or the configuration key.
 *
 * <p>Problems found while the container validates beans are all reported at once, so one WAR carries several broken
 * hubs and the test checks each line. A hub's scope is checked later (after bean validation has passed), so it gets
 * a WAR of its own, as do wrong configuration values.
 */
@ExtendWith(ArquillianExtension.class)
class DeploymentValidationIT {

    private static final String BROKEN_HUBS = "broken-hubs";
    private static final String SCOPED_HUB = "scoped-hub";
    private static final String BAD_OPTIONS = "bad-options";

    /** How far after its first line a problem of one failure message is looked for. */
    private static final int MESSAGE_REACH = 400;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = BROKEN_HUBS, managed = false, testable = false)
    static WebArchive brokenHubs() {
        return war(BROKEN_HUBS, OverloadedHub.class, CaseClashHub.class, PublisherParameterHub.class,
                SamePathHub.class, SamePathOtherHub.class, BadClientHub.class, BadClient.class);
    }

    @Deployment(name = SCOPED_HUB, managed = false, testable = false)
    static WebArchive scopedHub() {
        return war(SCOPED_HUB, ApplicationScopedHub.class);
    }

    /** Two wrong values, a global key and a per-hub key: both are reported. */
    @Deployment(name = BAD_OPTIONS, managed = false, testable = false)
    static WebArchive badOptions() {
        return Deployments.withConfig(war(BAD_OPTIONS, EchoHub.class, Person.class, Address.class),
                "hubs.keep-alive-interval=fortnightly",
                "hubs.EchoHub.maximum-receive-message-size=huge");
    }

    @Test
    void brokenHubsAreReportedTogetherEachNamingClassAndMethod() {
        String log = deployAndExpectFailure(BROKEN_HUBS, OverloadedHub.class.getName());

        assertLogged(log, "the overloaded method", "Hub " + OverloadedHub.class.getName() + " cannot be deployed:",
                "send(String)", "send(String, String)");
        assertLogged(log, "the methods whose names differ only in case",
                "Hub " + CaseClashHub.class.getName() + " cannot be deployed:", "greet(String)", "GREET(int)");
        assertLogged(log, "the Flow.Publisher parameter",
                "Hub " + PublisherParameterHub.class.getName() + " cannot be deployed:", "upload(", "Flow.Publisher");
        // Either of the two may be the one reported, naming the other.
        assertLogged(log, "the two hubs on one path", "dev.hubs.it.fixtures.broken.SamePath", SamePathHub.class.getName(),
                SamePathOtherHub.class.getName(), "/same");
        assertLogged(log, "the bad client interface (naming where it is injected)", BadClientHub.class.getName(),
                BadClient.class.getName() + " ", "answer(", "String");
    }

    @Test
    void hubWithAnotherScopeThanDependent() {
        String log = deployAndExpectFailure(SCOPED_HUB, ApplicationScopedHub.class.getName());

        assertLogged(log, "the scope problem", "Hub " + ApplicationScopedHub.class.getName() + " cannot be deployed:",
                "ApplicationScoped", "@Dependent");
    }

    @Test
    void wrongOptionValuesNameTheirKeys() {
        String log = deployAndExpectFailure(BAD_OPTIONS, "hubs.keep-alive-interval");

        assertLogged(log, "the wrong duration", "hubs.keep-alive-interval", "fortnightly");
        assertLogged(log, "the wrong size of one hub", "hubs.EchoHub.maximum-receive-message-size", "huge");
    }

    /**
     * Deploys a WAR that must fail, then waits for the server's log to show the failure and the expected text.
     *
     * @return what the server logged from the deployment on
     */
    private String deployAndExpectFailure(String name, String expected) {
        ServerLog log = ServerLog.fromNow();
        try {
            assertThrows(Exception.class, () -> deployer.deploy(name), name + " must fail to deploy");
            // CWWKZ0002E: "An exception occurred while starting the application <name>."
            return log.await("the failure of " + name + " naming " + expected,
                    text -> text.contains("CWWKZ0002E") && text.contains(expected));
        } finally {
            try {
                deployer.undeploy(name);
            } catch (RuntimeException e) {
                // Nothing deployed, nothing to remove.
            }
        }
    }

    /**
     * The first fragment must be logged, followed closely (within the same message: its problem lines) by all the
     * others, in any order.
     */
    private static void assertLogged(String log, String what, String anchor, String... fragments) {
        assertTrue(log.contains(anchor), "The deployment failure does not mention " + what + ": \"" + anchor
                + "\" is missing. The server logged:\n" + log);
        for (int at = log.indexOf(anchor); at >= 0; at = log.indexOf(anchor, at + 1)) {
            String message = log.substring(at, Math.min(log.length(), at + anchor.length() + MESSAGE_REACH));
            if (java.util.Arrays.stream(fragments).allMatch(message::contains)) {
                return;
            }
        }
        throw new AssertionError("The deployment failure about " + what + " (\"" + anchor + "\") does not go on to "
                + "mention all of " + java.util.Arrays.toString(fragments) + ". The server logged:\n" + log);
    }

    private static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addAsLibraries(dev.hubs.it.support.HubsLibraries.all());
    }
}
