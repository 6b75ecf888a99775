package dev.hubs.redis.it.support;

import dev.hubs.redis.it.fixtures.ClusterHub;
import dev.hubs.redis.it.fixtures.QueryUserIds;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The WAR both servers run: {@link ClusterHub}, {@link QueryUserIds}, the Hubs jars with hubs-redis and Lettuce (with
 * Netty and Reactor) in {@code WEB-INF/lib}, and the backplane's settings in
 * {@code META-INF/microprofile-config.properties}.
 */
public final class ClusterWar {

    private ClusterWar() {
    }

    /**
     * Builds the WAR.
     *
     * @param name          the WAR name, also its context root
     * @param redisUri      the Redis server
     * @param channelPrefix the channel prefix, distinct per test class so that no two share channels
     * @return the archive
     */
    public static WebArchive of(String name, String redisUri, String channelPrefix) {
        String config = String.join("\n",
                "hubs.redis.uri=" + redisUri,
                "hubs.redis.channel-prefix=" + channelPrefix,
                "hubs.enable-detailed-errors=true",
                "");
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(ClusterHub.class, QueryUserIds.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        for (File jar : libraries()) {
            war.addAsLibrary(jar);
        }
        return war;
    }

    /** The jars the build copied for the WAR (see the module's pom). */
    private static File[] libraries() {
        String dir = System.getProperty("hubs.it.war.lib");
        if (dir == null) {
            throw new IllegalStateException("The system property hubs.it.war.lib is not set: run the tests through "
                    + "Maven (failsafe passes it)");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            File[] jars = files.filter(path -> path.toString().endsWith(".jar")).map(Path::toFile)
                    .toArray(File[]::new);
            if (jars.length == 0) {
                throw new IllegalStateException("No jars in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
