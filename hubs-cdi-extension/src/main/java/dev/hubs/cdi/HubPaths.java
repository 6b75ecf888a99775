package dev.hubs.cdi;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules for the path of {@code @Hub}.
 */
final class HubPaths {

    private HubPaths() {
    }

    static List<String> problems(String path) {
        List<String> problems = new ArrayList<>();
        if (path == null || !path.startsWith("/") || path.length() < 2) {
            problems.add("@Hub(\"" + path + "\"): the path must start with '/' and name something, like \"/chat\"");
        } else if (path.endsWith("/")) {
            problems.add("@Hub(\"" + path + "\"): the path must not end with '/'");
        } else if (path.contains("*") || path.contains("?") || path.contains("#") || path.contains("{")
                || path.contains(" ")) {
            problems.add("@Hub(\"" + path + "\"): the path must be a plain path, without wildcards, query, "
                    + "fragment, templates or spaces");
        } else if (path.endsWith("/negotiate")) {
            problems.add("@Hub(\"" + path + "\"): the path must not end with /negotiate, which SignalR uses for "
                    + "the negotiate endpoint of the hub");
        }
        return problems;
    }
}
