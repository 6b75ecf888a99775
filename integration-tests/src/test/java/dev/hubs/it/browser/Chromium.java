package dev.hubs.it.browser;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One headless Debian Chromium, driven through the Debian chromedriver by Selenium, with a fresh profile that is
 * deleted afterwards. Scripts given at start run in every page before the page's own scripts (CDP
 * {@code Page.addScriptToEvaluateOnNewDocument}), which is how a test takes an API such as {@code WebSocket} away
 * from a page. Chromium's network events (CDP, through chromedriver's performance log) and the page's console are
 * collected, so a test can tell which requests a page really made.
 *
 * <p>The binaries are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them), or the system properties {@code hubs.it.chromium} and
 * {@code hubs.it.chromedriver}. Both paths are given to Selenium, so Selenium Manager downloads nothing.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("hubs.it.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("hubs.it.chromedriver", "/usr/bin/chromedriver"));

    /**
     * Selenium looks for a binding of its DevTools API that matches the browser's version, and warns when there is
     * none (Debian's Chromium is often newer than the newest binding). These tests do not use that API: CDP commands
     * go through chromedriver ({@code executeCdpCommand}), events through its performance log. Held here, as
     * java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIETED = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final List<JsonObject> networkEvents = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a browser.
     *
     * @param beforePageScripts JavaScript run in each page before any script of the page
     * @return the browser, showing about:blank
     */
    static Chromium start(String... beforePageScripts) {
        for (Path binary : List.of(BINARY, DRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's Chromium and "
                        + "its driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("hubs-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=900,700");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
        Chromium chromium = new Chromium(driver, profile);
        for (String script : beforePageScripts) {
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
        }
        return chromium;
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The CDP network events of the page so far ({@code Network.requestWillBeSent}, {@code Network.webSocketCreated}
     * ...), each as {@code {"method": ..., "params": {...}}}.
     *
     * @return the events, oldest first
     */
    List<JsonObject> networkEvents() {
        drainLogs();
        return List.copyOf(networkEvents);
    }

    /** The page's console messages so far, for failure messages. */
    List<String> console() {
        drainLogs();
        return List.copyOf(console);
    }

    private void drainLogs() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try (var reader = Json.createReader(new StringReader(entry.getMessage()))) {
                JsonObject message = reader.readObject().getJsonObject("message");
                if (message != null && message.getString("method", "").startsWith("Network.")) {
                    networkEvents.add(message);
                }
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
    }

    /**
     * Saves a screenshot of the page.
     *
     * @param file where, as PNG
     */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }
}
