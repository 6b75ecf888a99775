package dev.hubs.it.browser;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample chat's own WAR ({@code sample-war/target/chat.war}, given by the build as {@code hubs.it.sample.war}),
 * to deploy unchanged, and where the browser tests put their screenshots.
 */
final class SampleWar {

    private SampleWar() {
    }

    /**
     * The sample WAR under a name of the test's choosing, which is also its context root: each test class deploys
     * its own copy, so the chat's state (who is online) starts empty for it.
     *
     * @param archiveName the archive's name, such as {@code sample-chat.war}
     * @return the archive
     */
    static WebArchive named(String archiveName) {
        String file = System.getProperty("hubs.it.sample.war");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("The sample WAR is not there (hubs.it.sample.war=" + file + "): run "
                    + "the tests through Maven, which builds sample-war and passes its file");
        }
        return ShrinkWrap.create(ZipImporter.class, archiveName).importFrom(Path.of(file).toFile())
                .as(WebArchive.class);
    }

    /** Where screenshots go: {@code hubs.it.screenshots}, else {@code target/screenshots} of the module. */
    static Path screenshots() {
        return Path.of(System.getProperty("hubs.it.screenshots", "target/screenshots")).toAbsolutePath();
    }

    /** Saves a screenshot of a page as {@code <label>.png}; a failure to do so must not hide a test's own. */
    static void screenshot(ChatPage page) {
        try {
            page.browser().screenshot(screenshots().resolve(page.label() + ".png"));
        } catch (RuntimeException e) {
            // a failed screenshot must not hide the test's own failure
        }
    }
}
