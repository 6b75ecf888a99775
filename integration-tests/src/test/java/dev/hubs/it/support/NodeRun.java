package dev.hubs.it.support;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

/**
 * What one run of a Node script did: exit code, output, and the report it printed as its last line of stdout.
 *
 * @param script    the script's file name
 * @param transport the transport its connections used
 * @param command   the command line
 * @param exitCode  the exit code; -1 when the run was killed
 * @param timedOut  whether the run was killed for taking too long
 * @param took      how long it ran
 * @param stdout    everything the script printed to stdout
 * @param stderr    everything it printed to stderr (the client's warnings and errors)
 */
public record NodeRun(String script, NodeClient.Transport transport, List<String> command, int exitCode,
                      boolean timedOut, Duration took, String stdout, String stderr) {

    /** The most of stdout or stderr a failure message quotes. */
    private static final int QUOTED = 4000;

    /**
     * The report: the last line of stdout, a JSON object.
     *
     * @return the report
     * @throws AssertionError when the script printed none, with everything it did print
     */
    public JsonObject report() {
        String[] lines = stdout.strip().split("\\R");
        String last = lines[lines.length - 1];
        if (!last.startsWith("{")) {
            throw new AssertionError(run() + " printed no report. " + describe());
        }
        try (var reader = Json.createReader(new StringReader(last))) {
            JsonObject report = reader.readObject();
            if (report.containsKey("error")) {
                throw new AssertionError(run() + " could not run: " + report.getString("error") + ". " + describe());
            }
            return report;
        } catch (JsonException e) {
            throw new AssertionError(run() + ": the report is not JSON. " + describe(), e);
        }
    }

    /**
     * One scenario of the report, which must have succeeded.
     *
     * @param name the scenario's name in the script
     * @return what the scenario saw
     * @throws AssertionError when the scenario is missing or failed, with its error, what it saw up to then and the
     *                        script's stderr
     */
    public JsScenario scenario(String name) {
        JsonObject scenarios = report().getJsonObject("scenarios");
        JsonValue value = scenarios == null ? null : scenarios.get(name);
        if (!(value instanceof JsonObject result)) {
            throw new AssertionError(run() + " reported no scenario '" + name + "'. " + describe());
        }
        JsonObject seen = result.getJsonObject("seen");
        if (!result.getBoolean("ok", false)) {
            throw new AssertionError(run() + " scenario '" + name + "' failed: " + result.getString("error", "?")
                    + "\n  it saw: " + seen
                    + "\n  stack: " + (result.get("stack") instanceof JsonString stack ? stack.getString() : "-")
                    + "\n  stderr: " + quoted(stderr));
        }
        return new JsScenario(script, transport, name, seen);
    }

    /**
     * Everything about the run, for failure messages.
     *
     * @return the command, the exit code and the output
     */
    public String describe() {
        return (timedOut ? "Killed after " + took.toSeconds() + " s"
                : "Exit code " + exitCode + " after " + took.toMillis() + " ms")
                + "; command: " + String.join(" ", command)
                + "\n  stdout: " + quoted(stdout)
                + "\n  stderr: " + quoted(stderr);
    }

    /** The script and its transport, such as {@code groups.mjs over LongPolling}, to start failure messages. */
    private String run() {
        return script + " over " + transport;
    }

    private static String quoted(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return "(empty)";
        }
        return stripped.length() <= QUOTED ? stripped : "..." + stripped.substring(stripped.length() - QUOTED);
    }
}
