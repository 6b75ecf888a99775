package dev.hubs.it.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.Locale;

/**
 * Builds the WAR a test class deploys: its fixture classes and the Hubs jars, nothing else (no web.xml, no
 * beans.xml: the extension in hubs-cdi-extension finds the {@code @Hub} classes and registers their endpoints).
 */
public final class Deployments {

    private Deployments() {
    }

    /**
     * A WAR named after the test class, so that its context root is distinct: {@code InvocationIT} deploys
     * {@code invocation-it.war} at {@code /invocation-it}.
     *
     * @param testClass the test class deploying it
     * @param classes   the fixture classes (hubs and the types their methods use)
     * @return the archive
     */
    public static WebArchive hubWar(Class<?> testClass, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, warName(testClass))
                .addClasses(classes)
                .addAsLibraries(HubsLibraries.all());
    }

    /**
     * Like {@link #hubWar}, with the fallback transports too ({@code hubs-servlet-fallback} in {@code WEB-INF/lib}):
     * the hubs of this WAR offer WebSockets, Server-Sent Events and long polling, unless their {@code transports}
     * option says otherwise.
     *
     * @param testClass the test class deploying it
     * @param classes   the fixture classes
     * @return the archive
     */
    public static WebArchive fallbackWar(Class<?> testClass, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, warName(testClass))
                .addClasses(classes)
                .addAsLibraries(HubsLibraries.withFallback());
    }

    /**
     * Adds MicroProfile Config properties to a WAR, as {@code WEB-INF/classes/META-INF/microprofile-config.properties}:
     * that is where the options of its hubs come from ({@code hubs.keep-alive-interval=1s},
     * {@code hubs.EchoHub.maximum-receive-message-size=1KB} ...).
     *
     * @param war        the archive
     * @param properties lines of the properties file, such as {@code "hubs.keep-alive-interval=1s"}
     * @return the same archive
     */
    public static WebArchive withConfig(WebArchive war, String... properties) {
        return war.addAsResource(new StringAsset(String.join("\n", properties) + "\n"),
                "META-INF/microprofile-config.properties");
    }

    /** {@code InvocationIT} becomes {@code invocation-it.war}. */
    static String warName(Class<?> testClass) {
        String kebab = testClass.getSimpleName()
                .replaceAll("IT$", "-it")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        return kebab + ".war";
    }
}
