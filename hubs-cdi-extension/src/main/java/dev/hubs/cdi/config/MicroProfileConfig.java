package dev.hubs.cdi.config;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;
import java.util.function.Function;

/**
 * The only class that touches the MicroProfile Config API, so that the extension also runs on a server without it;
 * used only after {@link dev.hubs.cdi.OptionalApis#present} found the API.
 */
final class MicroProfileConfig {

    /** A class of the MicroProfile Config API, to check that it is present. */
    static final String API_CLASS = "org.eclipse.microprofile.config.ConfigProvider";

    private MicroProfileConfig() {
    }

    static Function<String, Optional<String>> source() {
        Config config = ConfigProvider.getConfig();
        return key -> config.getOptionalValue(key, String.class);
    }
}
