package dev.hubs.it.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the commands of the README's "Quick start" section, so that the test runs exactly what a new user is told
 * to type, and the README and the test cannot drift apart.
 */
final class QuickStart {

    private final String section;

    private QuickStart(String section) {
        this.section = section;
    }

    /**
     * The section of a README under its {@code ## Quick start} heading, up to the next {@code ## } heading.
     *
     * @param readme the README's text
     * @return the section
     * @throws AssertionError when there is no such section
     */
    static QuickStart of(String readme) {
        List<String> lines = readme.lines().toList();
        int start = lines.indexOf("## Quick start");
        if (start < 0) {
            throw new AssertionError("README.md has no '## Quick start' section");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return new QuickStart(String.join("\n", lines.subList(start + 1, end)));
    }

    /** The section's text. */
    String text() {
        return section;
    }

    /**
     * The first command line of a shell block ({@code ```sh}) of the section that contains a word.
     *
     * @param word what the line must contain, such as {@code liberty:run}
     * @return the line as written, if there is one
     */
    Optional<String> command(String word) {
        return shellLines().stream().filter(line -> line.contains(word)).findFirst();
    }

    private List<String> shellLines() {
        List<String> commands = new ArrayList<>();
        boolean inShell = false;
        for (String line : section.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                inShell = !inShell && (trimmed.equals("```sh") || trimmed.equals("```shell")
                        || trimmed.equals("```bash"));
            } else if (inShell && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                commands.add(trimmed);
            }
        }
        return commands;
    }
}
