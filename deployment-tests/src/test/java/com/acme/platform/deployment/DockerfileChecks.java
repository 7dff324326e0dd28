package com.acme.platform.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service Dockerfile (infra/docker/service.Dockerfile) must do: see the issue's "Dockerfiles" list. One line
 * per violation.
 */
final class DockerfileChecks {

    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Z_]+)=(\\S+)", Pattern.MULTILINE);
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern USER = Pattern.compile("^USER\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern ANY_ARG = Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(=\\S*)?", Pattern.MULTILINE);
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT\\s+(.*)$", Pattern.MULTILINE);

    private DockerfileChecks() {
    }

    static List<String> check(String name, String text) {
        List<String> violations = new ArrayList<>();
        Map<String, String> args = new HashMap<>();
        Matcher arg = ARG.matcher(text);
        while (arg.find()) {
            args.put(arg.group(1), arg.group(2));
        }
        List<String> images = new ArrayList<>();
        Matcher from = FROM.matcher(text);
        while (from.find()) {
            String image = from.group(1);
            Matcher variable = Pattern.compile("^\\$\\{?([A-Z_]+)}?$").matcher(image);
            images.add(variable.matches() ? args.getOrDefault(variable.group(1), image) : image);
        }
        if (images.size() < 2) {
            violations.add(name + ": not multi-stage (build stage + runtime stage)");
        }
        for (String image : images) {
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (tag.isEmpty() || tag.equals("latest") || image.contains("${")) {
                violations.add(name + ": base image `" + image + "` is not pinned to a tag");
            }
        }
        if (!images.isEmpty() && !images.getLast().contains("jre")) {
            violations.add(name + ": the runtime stage `" + images.getLast() + "` is not a JRE image");
        }
        Matcher user = USER.matcher(text);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        if (lastUser == null || lastUser.startsWith("root") || lastUser.equals("0") || lastUser.startsWith("0:")) {
            violations.add(name + ": runs as root (no non-root USER)");
        }
        if (!text.contains("-Djarmode=tools") || !text.contains("extract --layers")) {
            violations.add(name + ": does not extract the Spring Boot jar into layers (java -Djarmode=tools ... extract --layers)");
        }
        if (!Pattern.compile("^HEALTHCHECK .*\\n?.*readiness", Pattern.MULTILINE).matcher(text).find()) {
            violations.add(name + ": no HEALTHCHECK against /actuator/health/readiness");
        }
        if (!text.contains("MaxRAMPercentage")) {
            violations.add(name + ": no container-aware heap sizing (-XX:MaxRAMPercentage)");
        }
        Matcher entrypoint = ENTRYPOINT.matcher(text);
        if (!entrypoint.find() || !entrypoint.group(1).contains("exec java")) {
            violations.add(name + ": the ENTRYPOINT does not exec java (the JVM must be PID 1 to get SIGTERM)");
        }
        return violations;
    }

    /** Every build arg the Dockerfile declares ({@code ARG NAME} or {@code ARG NAME=default}), in any stage. */
    static Set<String> declaredArgs(String text) {
        return ANY_ARG.matcher(text).results().map(arg -> arg.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The build args the Dockerfile declares without a default anywhere: a build must pass them. */
    static Set<String> requiredArgs(String text) {
        Set<String> defaulted = ANY_ARG.matcher(text).results().filter(arg -> arg.group(2) != null)
                .map(arg -> arg.group(1)).collect(Collectors.toSet());
        Set<String> required = declaredArgs(text);
        required.removeAll(defaulted);
        return required;
    }
}
