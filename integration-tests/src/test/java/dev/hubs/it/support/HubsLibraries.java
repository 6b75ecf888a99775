package dev.hubs.it.support;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Hubs library jars, taken from the test class path, to put into a test WAR's {@code WEB-INF/lib}.
 *
 * <p>The integration tests depend on {@code hubs-cdi-extension} (test scope), so hubs-api, hubs-core and the extension
 * are on the class path: in a reactor build as the modules' {@code target/*.jar} (or {@code target/classes} when the
 * reactor stopped before {@code package}), otherwise as the jars in the local repository. A directory becomes a
 * {@link JavaArchive} with everything in it, {@code META-INF/services} included: that is how the server finds the CDI
 * extension. No Maven resolver is involved.
 */
public final class HubsLibraries {

    /** The modules a WAR needs for its hubs to be served. */
    public static final List<String> DEFAULT_MODULES = List.of("hubs-api", "hubs-core", "hubs-cdi-extension");

    /**
     * The optional module of the fallback transports (Server-Sent Events and long polling). A WAR without it offers
     * WebSockets only; {@link #withFallback()} adds it to the {@link #DEFAULT_MODULES}.
     */
    public static final String FALLBACK_MODULE = "hubs-servlet-fallback";

    private static final Map<String, JavaArchive> CACHE = new ConcurrentHashMap<>();

    private HubsLibraries() {
    }

    /**
     * The jars of hubs-api, hubs-core and hubs-cdi-extension.
     *
     * @return one archive per module, named {@code <module>.jar}
     */
    public static List<JavaArchive> all() {
        return of(DEFAULT_MODULES);
    }

    /**
     * The jars of hubs-api, hubs-core, hubs-cdi-extension and hubs-servlet-fallback: a WAR with these offers
     * WebSockets, Server-Sent Events and long polling.
     *
     * @return one archive per module, named {@code <module>.jar}
     */
    public static List<JavaArchive> withFallback() {
        List<String> modules = new ArrayList<>(DEFAULT_MODULES);
        modules.add(FALLBACK_MODULE);
        return of(modules);
    }

    /**
     * The jars of the given Hubs modules.
     *
     * @param modules artifact ids, such as {@code hubs-core}
     * @return one archive per module, named {@code <module>.jar}
     * @throws IllegalStateException when a module is not on the test class path
     */
    public static List<JavaArchive> of(List<String> modules) {
        List<JavaArchive> archives = new ArrayList<>(modules.size());
        for (String module : modules) {
            archives.add(CACHE.computeIfAbsent(module, HubsLibraries::load));
        }
        return archives;
    }

    private static JavaArchive load(String module) {
        Path entry = find(module);
        String name = module + ".jar";
        if (Files.isDirectory(entry)) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(entry.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(entry.toFile()).as(JavaArchive.class);
    }

    /** Finds {@code <module>-<version>.jar} or {@code <module>/target/classes} on the class path. */
    private static Path find(String module) {
        Pattern jar = Pattern.compile(Pattern.quote(module) + "-\\d[^/\\\\]*(?<!-sources|-javadoc|-tests)\\.jar");
        String classPath = System.getProperty("java.class.path", "");
        for (String element : classPath.split(Pattern.quote(File.pathSeparator))) {
            if (element.isBlank()) {
                continue;
            }
            Path path = Path.of(element).toAbsolutePath().normalize();
            Path fileName = path.getFileName();
            if (fileName == null || !Files.exists(path)) {
                continue;
            }
            if (Files.isRegularFile(path) && jar.matcher(fileName.toString()).matches()) {
                return path;
            }
            if (Files.isDirectory(path) && path.endsWith(Path.of(module, "target", "classes"))) {
                return path;
            }
        }
        throw new IllegalStateException("The Hubs module " + module + " is not on the test class path (neither "
                + module + "-<version>.jar nor " + module + "/target/classes). Run the tests through Maven, with "
                + "hubs-cdi-extension as a test dependency. Class path: " + classPath);
    }
}
