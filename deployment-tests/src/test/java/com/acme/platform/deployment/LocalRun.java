package com.acme.platform.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./local.sh} defines, read from its text: the environment variables it exports to the services and
 * the {@code SERVICES} table (instance name, port, module, database, health path) at offset 0.
 */
record LocalRun(Set<String> exportedNames, List<Instance> instances) {

    record Instance(String name, int port, String module, String database, String healthPath) {
        boolean hasDatabase() {
            return !"-".equals(database);
        }
    }

    /**
     * An {@code export} command wherever a command can start: at the beginning of a line, but also after
     * {@code then}/{@code do}/{@code else}, {@code ;}, {@code &&} or {@code (} (local.sh exports
     * PRODUCT_FLYWAY_LOCATIONS inside a one-line {@code if}; reading only lines that begin with export missed it).
     * Comment lines are skipped.
     */
    private static final Pattern EXPORT_COMMAND = Pattern.compile(
            "(?:^|[;&|(]|\\bthen|\\bdo|\\belse)[ \\t]*export[ \\t]+([^;\\n]*)", Pattern.MULTILINE);
    private static final Pattern COMMENT_LINE = Pattern.compile("^\\s*#.*$", Pattern.MULTILINE);
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:^|\\s)([A-Z][A-Z0-9_]*)=");
    private static final Pattern SERVICE_ROW = Pattern.compile("^\\s*\"([a-z0-9-]+)\\|([^|]+)\\|([a-z0-9-]+)\\|([a-z-]+)\\|([^\"]+)\"\\s*$",
            Pattern.MULTILINE);
    private static final Pattern DEFAULT_PORT = Pattern.compile("port (\\d+)");

    static LocalRun parse(String script) {
        Set<String> names = new LinkedHashSet<>();
        Matcher line = EXPORT_COMMAND.matcher(COMMENT_LINE.matcher(script).replaceAll(""));
        while (line.find()) {
            Matcher assignment = ASSIGNMENT.matcher(line.group(1));
            while (assignment.find()) {
                names.add(assignment.group(1));
            }
        }
        List<Instance> instances = new ArrayList<>();
        Matcher row = SERVICE_ROW.matcher(script);
        while (row.find()) {
            instances.add(new Instance(row.group(1), resolvePort(script, row.group(2)), row.group(3), row.group(4),
                    row.group(5)));
        }
        if (instances.isEmpty()) {
            throw new IllegalStateException("no SERVICES rows found in local.sh");
        }
        return new LocalRun(names, instances);
    }

    /** {@code $PRODUCT_1_PORT} -> the default in {@code PRODUCT_1_PORT=$(port 8081)} (offset 0). */
    private static int resolvePort(String script, String expression) {
        String variable = expression.replace("$", "").replace("{", "").replace("}", "");
        Matcher definition = Pattern.compile("\\b" + variable + "=(?:\\$\\{[A-Z_]+:-)?\\$\\((port \\d+)\\)").matcher(script);
        if (!definition.find()) {
            throw new IllegalStateException("cannot find the default of " + expression + " in local.sh");
        }
        Matcher port = DEFAULT_PORT.matcher(definition.group(1));
        port.find();
        return Integer.parseInt(port.group(1));
    }
}
