package com.acme.platform.deployment;

import com.acme.platform.devstack.DevstackSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything CI can check of the compose environment without a Docker engine. {@link #check} returns one readable
 * line per violation; an empty list means the file is right by construction:
 * <ul>
 *   <li>it validates against the Compose Spec JSON schema (a copy kept in this module's test resources);</li>
 *   <li>consistency: no {@code version:} key, every service has a healthcheck (or is a one-shot that a long-running
 *       service waits for with {@code service_completed_successfully}) and a memory limit, every {@code depends_on}
 *       target exists with a condition it can satisfy, every image tag is pinned, every bind-mounted file exists,
 *       only the gateway (its API port) and auth-service publish a platform port, every published port on 127.0.0.1;
 *       a service built from a Dockerfile passes every build arg the Dockerfile declares without a default, and no
 *       other, and its {@code SERVICE} arg names a module;</li>
 *   <li>networks: every service a service names in its environment (a URL, a host) shares a network with it;</li>
 *   <li>identity: every service's {@code PLATFORM_TOKEN_ISSUER} is auth-service's {@code AUTH_ISSUER_URI}, character
 *       for character (a token is refused on any difference);</li>
 *   <li>parity with {@code ./local.sh}: the same instance names, ports, health paths and databases; every variable
 *       compose sets on a service is a {@code ${NAME}} placeholder of that service's {@code application.yml} or a
 *       name local.sh exports (a profile's {@code application-<profile>.yml} counts: the demo profile reads its
 *       secrets' variables), every placeholder that local.sh sets is set by compose as well, and so is every
 *       runtime variable local.sh exports ({@code SPRING_PROFILES_ACTIVE}); the topics kafka-init creates are the
 *       devstack's.</li>
 * </ul>
 */
final class ComposeChecker {

    /** Services allowed to publish ports: the API entry point, the authorization server and the tools' UIs. */
    static final String GATEWAY = "gateway-service";
    static final String AUTH_SERVICE = "auth-service";
    static final Set<String> TOOLS = Set.of("jaeger", "prometheus", "grafana");
    /** The gateway's only published container port (its actuator port stays inside the compose network). */
    static final int GATEWAY_API_PORT = 8080;
    /**
     * The platform services that publish a port, and the one container port each may publish: the gateway's API
     * (not its actuator) and auth-service's (token endpoint, login page, JWK set: browsers and Postman reach the
     * issuer URL there).
     */
    static final Map<String, Integer> PUBLISHED_PORTS = Map.of(GATEWAY, GATEWAY_API_PORT, AUTH_SERVICE, 9000);
    /** The host address every published port binds: the demo runs with demo secrets. */
    static final String PUBLISHED_HOST_IP = "127.0.0.1";
    /** The build arg that names the module the shared service Dockerfile packages. */
    static final String SERVICE_ARG = "SERVICE";

    /**
     * Variables compose may set on a service without a matching placeholder: read by the runtime, not by a
     * {@code ${...}} in application.yml. Each one says who reads it.
     */
    static final Map<String, String> RUNTIME_VARIABLES = Map.of(
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "Spring Boot's relaxed binding of logging.structured.format.console",
            "SPRING_PROFILES_ACTIVE", "Spring Boot's spring.profiles.active (the demo profile: application-demo.yml)",
            "JAVA_OPTS", "the Dockerfile's ENTRYPOINT");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern IMAGE_TAG = Pattern.compile("^[^:@]+(:[^:@]+)?(@sha256:[0-9a-f]{64})?$");

    private final Path root;
    private final JsonSchema schema;

    ComposeChecker(Path root) {
        this.root = root;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        // The schema's $id ("compose_spec.json") is relative: loading it by a classpath location whose file has
        // that name makes the id resolve to the file itself.
        this.schema = factory.getSchema(SchemaLocation.of("classpath:compose-spec/compose_spec.json"));
    }

    List<String> check(JsonNode compose) {
        List<String> violations = new ArrayList<>();
        checkSchema(compose, violations);
        if (compose.has("version")) {
            violations.add("top-level `version:` is obsolete in the Compose Spec: remove it");
        }
        JsonNode services = compose.path("services");
        if (!services.isObject() || services.isEmpty()) {
            violations.add("no services");
            return violations;
        }
        Set<String> oneShots = oneShots(services);
        services.fields().forEachRemaining(e -> checkService(e.getKey(), e.getValue(), services, oneShots, violations));
        checkParityWithLocalRun(services, violations);
        checkKafkaTopics(services, violations);
        checkNetworks(services, violations);
        checkIssuer(services, violations);
        // Services built from one Dockerfile would each repeat its violations.
        return new ArrayList<>(new LinkedHashSet<>(violations));
    }

    private void checkSchema(JsonNode compose, List<String> violations) {
        for (ValidationMessage message : schema.validate(compose)) {
            violations.add("schema: " + message.getMessage());
        }
    }

    /** Services some other service waits for with service_completed_successfully: they run once and exit. */
    private static Set<String> oneShots(JsonNode services) {
        Set<String> result = new LinkedHashSet<>();
        services.forEach(service -> service.path("depends_on").fields().forEachRemaining(dep -> {
            if ("service_completed_successfully".equals(dep.getValue().path("condition").asText())) {
                result.add(dep.getKey());
            }
        }));
        return result;
    }

    private void checkService(String name, JsonNode service, JsonNode services, Set<String> oneShots,
                              List<String> violations) {
        JsonNode healthcheck = service.path("healthcheck");
        boolean hasHealthcheck = healthcheck.has("test") && !healthcheck.path("disable").asBoolean(false)
                && !"NONE".equals(healthcheck.path("test").path(0).asText());
        if (oneShots.contains(name)) {
            if (!"no".equals(service.path("restart").asText("no"))) {
                violations.add(name + ": a one-shot (others wait for it to complete) must have restart: \"no\"");
            }
        } else if (!hasHealthcheck) {
            violations.add(name + ": no healthcheck");
        }
        if (service.path("deploy").path("resources").path("limits").path("memory").asText().isBlank()
                && service.path("mem_limit").asText().isBlank()) {
            violations.add(name + ": no memory limit (deploy.resources.limits.memory)");
        }
        String image = service.path("image").asText();
        if (image.isBlank() && !service.has("build")) {
            violations.add(name + ": neither image nor build");
        }
        // A service with `build:` names the image it builds (product-service-1 and -2 share one); only images
        // that are pulled need a pinned tag.
        if (!image.isBlank() && !service.has("build")) {
            checkImageTag(name, image, violations);
        }
        if (service.has("build")) {
            checkBuild(name, service.path("build"), violations);
        }
        service.path("volumes").forEach(volume -> {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            if (source.startsWith("./") && !Files.exists(root.resolve(source).normalize())) {
                violations.add(name + ": mounts " + source + ", which does not exist");
            }
        });
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isArray()) {
            violations.add(name + ": depends_on must be a map with conditions, not a list");
        }
        dependsOn.fields().forEachRemaining(dep -> {
            String target = dep.getKey();
            String condition = dep.getValue().path("condition").asText();
            if (!services.has(target)) {
                violations.add(name + ": depends_on `" + target + "`, which is not a service");
                return;
            }
            switch (condition) {
                case "service_healthy" -> {
                    if (!services.path(target).has("healthcheck")) {
                        violations.add(name + ": waits for `" + target + "` to be healthy, but it has no healthcheck");
                    }
                }
                case "service_completed_successfully" -> { }
                default -> violations.add(name + ": depends_on `" + target + "` with condition `" + condition
                        + "`; use service_healthy or service_completed_successfully");
            }
            if (services.path(target).has("profiles") && !service.has("profiles")) {
                violations.add(name + ": depends on `" + target + "`, which only runs in a profile");
            }
        });
        JsonNode ports = service.path("ports");
        if (ports.isArray() && !ports.isEmpty()) {
            if (PUBLISHED_PORTS.containsKey(name)) {
                int allowed = PUBLISHED_PORTS.get(name);
                ports.forEach(port -> {
                    if (containerPort(port) != allowed) {
                        violations.add(name + ": publishes container port " + containerPort(port)
                                + "; only " + (name.equals(GATEWAY) ? "the API port " : "port ") + allowed
                                + " may be published");
                    }
                });
            } else if (!TOOLS.contains(name)) {
                violations.add(name + ": publishes " + ports + "; only the gateway, auth-service (and the tools "
                        + TOOLS + ") publish ports");
            }
            ports.forEach(port -> {
                if (!PUBLISHED_HOST_IP.equals(hostIp(port))) {
                    violations.add(name + ": publishes " + port + " on every interface; bind it to "
                            + PUBLISHED_HOST_IP + " (\"" + PUBLISHED_HOST_IP + ":host:container\")");
                }
            });
        }
    }

    /** The host address of a published port ({@code "127.0.0.1:8080:8080"} or the long form), or "" for all. */
    private static String hostIp(JsonNode port) {
        if (port.isObject()) {
            return port.path("host_ip").asText("");
        }
        Matcher ip = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[^]]*]):").matcher(port.asText());
        return ip.find() ? ip.group(1) : "";
    }
    private static int containerPort(JsonNode port) {
        if (port.isObject()) {
            return port.path("target").asInt(-1);
        }
        String text = port.asText();
        String target = text.substring(text.lastIndexOf(':') + 1).replaceAll("/.*", "");
        try {
            return Integer.parseInt(target);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkImageTag(String service, String image, List<String> violations) {
        Matcher matcher = IMAGE_TAG.matcher(image.replaceFirst("^[^/]+\\.[^/]+(:\\d+)?/", ""));
        if (!matcher.matches() || (matcher.group(1) == null && matcher.group(2) == null)) {
            violations.add(service + ": image `" + image + "` has no tag; pin one");
        } else if (":latest".equals(matcher.group(1))) {
            violations.add(service + ": image `" + image + "` uses `latest`; pin a version");
        }
    }

    private void checkBuild(String name, JsonNode build, List<String> violations) {
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        String dockerfile = build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile");
        Path file = root.resolve(context).resolve(dockerfile).normalize();
        if (!Files.isRegularFile(file)) {
            violations.add(name + ": build uses " + file + ", which does not exist");
            return;
        }
        String dockerfileText = RepositoryFiles.read(file);
        String relative = root.relativize(file).toString();
        violations.addAll(DockerfileChecks.check(relative, dockerfileText));
        Map<String, String> args = buildArgs(build);
        Set<String> declared = DockerfileChecks.declaredArgs(dockerfileText);
        for (String required : DockerfileChecks.requiredArgs(dockerfileText)) {
            if (args.getOrDefault(required, "").isBlank()) {
                violations.add(name + ": build arg " + required + " is not set (" + relative
                        + " declares it without a default)");
            }
        }
        for (String arg : args.keySet()) {
            if (!declared.contains(arg)) {
                violations.add(name + ": passes build arg " + arg + ", which " + relative + " does not declare");
            }
        }
        String module = args.get(SERVICE_ARG);
        if (module != null && !Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
            violations.add(name + ": build arg " + SERVICE_ARG + " is `" + module + "`, which is not a module (no "
                    + module + "/pom.xml)");
        }
    }

    /** The build args of a service's {@code build:} (map or {@code NAME=value} list form). */
    static Map<String, String> buildArgs(JsonNode build) {
        return keyValues(build.path("args"));
    }

    // --- parity with ./local.sh ---------------------------------------------------------------------------

    private void checkParityWithLocalRun(JsonNode services, List<String> violations) {
        LocalRun local = LocalRun.parse(RepositoryFiles.read(root.resolve("local.sh")));
        Set<String> expected = new LinkedHashSet<>();
        for (LocalRun.Instance instance : local.instances()) {
            expected.add(instance.name());
            JsonNode service = services.path(instance.name());
            if (service.isMissingNode()) {
                violations.add("local.sh runs `" + instance.name() + "`; compose has no service of that name");
                continue;
            }
            checkInstance(instance, service, local, violations);
        }
        services.fields().forEachRemaining(e -> {
            if (moduleOf(e.getValue()) != null && !expected.contains(e.getKey())) {
                violations.add(e.getKey() + ": builds a platform module but local.sh runs no instance of that name");
            }
        });
    }

    private void checkInstance(LocalRun.Instance instance, JsonNode service, LocalRun local, List<String> violations) {
        String name = instance.name();
        String module = moduleOf(service);
        if (!instance.module().equals(module)) {
            violations.add(name + ": built from module `" + module + "`, local.sh runs `" + instance.module() + "`");
            return;
        }
        Map<String, String> env = environment(service);
        boolean gateway = name.equals(GATEWAY);
        String portVariable = gateway ? "GATEWAY_PORT" : "SERVER_PORT";
        if (!String.valueOf(instance.port()).equals(env.get(portVariable))) {
            violations.add(name + ": " + portVariable + " is " + env.get(portVariable) + ", local.sh uses " + instance.port());
        }
        if (!gateway && !name.equals(env.get("INSTANCE_NAME"))) {
            violations.add(name + ": INSTANCE_NAME is " + env.get("INSTANCE_NAME") + ", expected " + name);
        }
        int healthPort = gateway ? Integer.parseInt(env.getOrDefault("GATEWAY_MANAGEMENT_PORT", "-1")) : instance.port();
        String test = service.path("healthcheck").path("test").toString();
        if (!test.contains(String.valueOf(healthPort)) || !test.contains(instance.healthPath())) {
            violations.add(name + ": healthcheck " + test + " does not probe " + instance.healthPath() + " on port "
                    + healthPort + " as local.sh does");
        }
        Set<String> placeholders = settingsPlaceholders(module);
        if (instance.hasDatabase()) {
            // The standby's URL only where the service reads it (product-service's read split).
            for (String variable : placeholders.contains("DB_REPLICA_URL") ? List.of("DB_URL", "DB_REPLICA_URL") : List.of("DB_URL")) {
                String url = env.getOrDefault(variable, "");
                if (!url.endsWith("/" + instance.database())) {
                    violations.add(name + ": " + variable + " `" + url + "` is not database `" + instance.database() + "`");
                }
            }
            if (!DevstackSettings.SERVICE_DATABASES.contains(instance.database())) {
                violations.add(name + ": database " + instance.database() + " is not one the devstack creates");
            }
        }
        for (String variable : env.keySet()) {
            // Even a variable local.sh exports to every service (DB_REPLICA_URL) is noise where this module never
            // reads it: it suggests a setting that does nothing.
            if (!placeholders.contains(variable) && !RUNTIME_VARIABLES.containsKey(variable)) {
                violations.add(name + ": sets " + variable + ", which " + module
                        + "/src/main/resources/application.yml never reads (no ${" + variable + "}, nor the shared "
                        + "defaults of a module it depends on)");
            }
        }
        for (String variable : placeholders) {
            if (local.exportedNames().contains(variable) && !env.containsKey(variable) && !localOnly(variable)) {
                violations.add(name + ": application.yml reads ${" + variable + "} and local.sh sets it, compose does not");
            }
        }
        for (String variable : RUNTIME_VARIABLES.keySet()) {
            if (local.exportedNames().contains(variable) && !env.containsKey(variable)) {
                violations.add(name + ": local.sh sets " + variable + " for every service (" + RUNTIME_VARIABLES.get(variable)
                        + "), compose does not");
            }
        }
    }

    /** Shared settings a library module contributes to every service that depends on it. */
    static final String SHARED_SETTINGS_FILE = "src/main/resources/META-INF/platform-defaults.yml";

    /**
     * The {@code ${NAME}} placeholders a module reads: its application.yml plus the shared defaults
     * ({@value #SHARED_SETTINGS_FILE}) of every repository module it depends on, directly or through another one
     * (platform-service-support: management, tracing, logging; platform-events: Kafka).
     */
    private Set<String> settingsPlaceholders(String module) {
        Path resources = root.resolve(module).resolve("src/main/resources");
        Set<String> placeholders = new java.util.TreeSet<>(placeholders(RepositoryFiles.read(resources.resolve("application.yml"))));
        // A profile's file (application-demo.yml) is read when the profile is on: its variables are settings too.
        try (java.util.stream.Stream<Path> files = Files.list(resources)) {
            files.filter(f -> f.getFileName().toString().matches("application-[a-z0-9-]+\\.yml"))
                    .forEach(f -> placeholders.addAll(placeholders(RepositoryFiles.read(f))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String dependency : repositoryDependencies(module, new java.util.TreeSet<>())) {
            Path shared = root.resolve(dependency).resolve(SHARED_SETTINGS_FILE);
            if (java.nio.file.Files.exists(shared)) {
                placeholders.addAll(placeholders(RepositoryFiles.read(shared)));
            }
        }
        return placeholders;
    }

    /** The repository's modules {@code module} depends on, transitively (a module is a directory with a pom). */
    private Set<String> repositoryDependencies(String module, Set<String> found) {
        String pom = RepositoryFiles.read(root.resolve(module).resolve("pom.xml"));
        Matcher artifact = Pattern.compile("<dependency>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        while (artifact.find()) {
            String dependency = artifact.group(1);
            if (java.nio.file.Files.exists(root.resolve(dependency).resolve("pom.xml")) && found.add(dependency)) {
                repositoryDependencies(dependency, found);
            }
        }
        return found;
    }

    /** Placeholders local.sh sets that only make sense on one machine (devstack ports): compose sets its own. */
    private static boolean localOnly(String variable) {
        return Set.of("POSTGRES_PORT", "POSTGRES_REPLICA_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT",
                "DEVSTACK_DATA_DIR", "KAFKA_HEAP").contains(variable);
    }

    /**
     * The platform module a service builds: its {@code SERVICE} build arg (the shared service Dockerfile), else the
     * directory of a Dockerfile of its own; null for third-party images.
     */
    static String moduleOf(JsonNode service) {
        JsonNode build = service.path("build");
        if (build.isMissingNode()) {
            return null;
        }
        if (build.isObject() && build.has("args")) {
            return buildArgs(build).get(SERVICE_ARG);
        }
        String dockerfile = build.isTextual() ? build.asText() + "/Dockerfile" : build.path("dockerfile").asText();
        Path parent = Path.of(dockerfile).getParent();
        return parent == null ? null : parent.getFileName().toString();
    }

    static Map<String, String> environment(JsonNode service) {
        return keyValues(service.path("environment"));
    }

    /** A compose map ({@code NAME: value}) or list ({@code - NAME=value}) of variables. */
    private static Map<String, String> keyValues(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.isObject()) {
            // `NAME:` without a value: passed from the shell when set there, else unset (compose's rule): "".
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                values.put(pair[0], pair.length > 1 ? pair[1] : "");
            });
        }
        return values;
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    // --- networks ---------------------------------------------------------------------------------------------

    /**
     * A service named in another's environment ({@code jdbc:postgresql://postgres:5432/...}, {@code kafka:9092},
     * {@code REDIS_HOST: redis}, {@code http://auth-service:9000/...}) must share a network with it, or the name does
     * not even resolve. Services without {@code networks:} are on compose's {@code default} network.
     */
    private static void checkNetworks(JsonNode services, List<String> violations) {
        Map<String, Set<String>> networks = new LinkedHashMap<>();
        services.fields().forEachRemaining(e -> networks.put(e.getKey(), networksOf(e.getValue())));
        services.fields().forEachRemaining(e -> {
            String name = e.getKey();
            for (String value : environment(e.getValue()).values()) {
                for (String target : networks.keySet()) {
                    if (target.equals(name) || !Pattern.compile("(^|[/@,\\s])" + Pattern.quote(target) + "(:\\d+|/|$|,)")
                            .matcher(value).find()) {
                        continue;
                    }
                    Set<String> shared = new LinkedHashSet<>(networks.get(name));
                    shared.retainAll(networks.get(target));
                    if (shared.isEmpty()) {
                        violations.add(name + ": reaches `" + target + "` (" + value + ") but shares no network with it ("
                                + name + ": " + networks.get(name) + ", " + target + ": " + networks.get(target) + ")");
                    }
                }
            }
        });
    }

    static Set<String> networksOf(JsonNode service) {
        JsonNode networks = service.path("networks");
        Set<String> names = new LinkedHashSet<>();
        if (networks.isArray()) {
            networks.forEach(n -> names.add(n.asText()));
        } else if (networks.isObject()) {
            networks.fieldNames().forEachRemaining(names::add);
        } else {
            names.add("default");
        }
        return names;
    }

    // --- identity ---------------------------------------------------------------------------------------------

    /** Every resource server expects exactly the issuer auth-service writes into its tokens. */
    private static void checkIssuer(JsonNode services, List<String> violations) {
        JsonNode auth = services.path(AUTH_SERVICE);
        if (auth.isMissingNode()) {
            return;   // the parity check with local.sh names the missing service
        }
        String issuer = environment(auth).getOrDefault("AUTH_ISSUER_URI", "");
        if (issuer.isBlank()) {
            violations.add(AUTH_SERVICE + ": no AUTH_ISSUER_URI (the `iss` of every token)");
            return;
        }
        services.fields().forEachRemaining(e -> {
            if (moduleOf(e.getValue()) == null) {
                return;
            }
            String expected = environment(e.getValue()).get("PLATFORM_TOKEN_ISSUER");
            if (expected == null) {
                violations.add(e.getKey() + ": no PLATFORM_TOKEN_ISSUER; auth-service issues tokens as " + issuer);
            } else if (!expected.equals(issuer)) {
                violations.add(e.getKey() + ": PLATFORM_TOKEN_ISSUER is " + expected + ", auth-service's AUTH_ISSUER_URI is "
                        + issuer + ": every token would be refused");
            }
        });
    }

    // --- topics -----------------------------------------------------------------------------------------------

    private static void checkKafkaTopics(JsonNode services, List<String> violations) {
        Set<String> expected = new LinkedHashSet<>();
        for (String topic : DevstackSettings.CONTRACT_TOPICS) {
            expected.add(topic);
            expected.add(topic + DevstackSettings.DEAD_LETTER_SUFFIX);
        }
        JsonNode init = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (environment(e.getValue()).containsKey("KAFKA_TOPICS")) {
                init = e.getValue();
            }
        }
        if (init == null) {
            violations.add("no service creates the Kafka topics (KAFKA_TOPICS); expected " + expected);
            return;
        }
        Set<String> actual = new LinkedHashSet<>(Arrays.asList(environment(init).get("KAFKA_TOPICS").trim().split("\\s+")));
        if (!actual.equals(expected)) {
            violations.add("kafka-init creates " + actual + "; the contract (and the devstack) has " + expected);
        }
    }
}
