package com.acme.platform.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Dockerfile every platform service is built from, checked as text: it passes {@link DockerfileChecks}
 * (multi-stage, pinned base images, JRE runtime, non-root, layered jar, readiness HEALTHCHECK, container-aware heap,
 * the JVM as PID 1), each check fails on a copy broken in its way, and compose builds every instance from it.
 */
class ServiceDockerfileTests {

    static final String DOCKERFILE = "infra/docker/service.Dockerfile";

    static Path root;
    static String text;
    static JsonNode compose;

    @BeforeAll
    static void load() {
        root = RepositoryFiles.root();
        text = RepositoryFiles.read(root.resolve(DOCKERFILE));
        compose = Yaml.parse(RepositoryFiles.read(root.resolve("docker-compose.yml")));
    }

    @Test
    void passesEveryImageCheck() {
        assertThat(DockerfileChecks.check(DOCKERFILE, text)).isEmpty();
    }

    @Test
    void needsTheServiceAndItsPortsAsBuildArgs() {
        assertThat(DockerfileChecks.requiredArgs(text)).containsExactlyInAnyOrder("SERVICE", "PORTS", "HEALTH_PORT");
    }

    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                Arguments.of("runs as root", (UnaryOperator<String>) t -> t.replace("USER 10001:10001", "USER root"),
                        DOCKERFILE + ": runs as root (no non-root USER)"),
                Arguments.of("has no USER", (UnaryOperator<String>) t -> t.replaceAll("(?m)^USER .*\\n", ""),
                        DOCKERFILE + ": runs as root (no non-root USER)"),
                Arguments.of("runs on an unpinned image", (UnaryOperator<String>) t -> t.replaceFirst(
                        "(?m)^ARG RUNTIME_IMAGE=.*$", "ARG RUNTIME_IMAGE=eclipse-temurin:latest"),
                        DOCKERFILE + ": base image `eclipse-temurin:latest` is not pinned to a tag"),
                Arguments.of("builds on an untagged image", (UnaryOperator<String>) t -> t.replaceFirst(
                        "(?m)^ARG BUILD_IMAGE=.*$", "ARG BUILD_IMAGE=maven"),
                        DOCKERFILE + ": base image `maven` is not pinned to a tag"),
                Arguments.of("runs on a JDK", (UnaryOperator<String>) t -> t.replaceFirst(
                        "(?m)^ARG RUNTIME_IMAGE=.*$", "ARG RUNTIME_IMAGE=eclipse-temurin:25.0.1_8-jdk-noble"),
                        DOCKERFILE + ": the runtime stage `eclipse-temurin:25.0.1_8-jdk-noble` is not a JRE image"),
                Arguments.of("has one stage", (UnaryOperator<String>) t -> t.replaceFirst("(?m)^FROM \\$\\{BUILD_IMAGE} AS build\\n", ""),
                        DOCKERFILE + ": not multi-stage (build stage + runtime stage)"),
                Arguments.of("copies the fat jar", (UnaryOperator<String>) t -> t.replace("extract --layers", "extract"),
                        DOCKERFILE + ": does not extract the Spring Boot jar into layers (java -Djarmode=tools ... extract --layers)"),
                Arguments.of("has no HEALTHCHECK", (UnaryOperator<String>) t -> t.replaceFirst("(?m)^HEALTHCHECK .*\\n.*\\n", ""),
                        DOCKERFILE + ": no HEALTHCHECK against /actuator/health/readiness"),
                Arguments.of("sizes the heap by hand", (UnaryOperator<String>) t -> t.replaceAll("-XX:(Max|Initial)RAMPercentage=\\d+", "-Xmx192m"),
                        DOCKERFILE + ": no container-aware heap sizing (-XX:MaxRAMPercentage)"),
                Arguments.of("starts the JVM as a child of sh", (UnaryOperator<String>) t -> t.replace("exec java", "java"),
                        DOCKERFILE + ": the ENTRYPOINT does not exec java (the JVM must be PID 1 to get SIGTERM)"));
    }

    @ParameterizedTest(name = "a copy that {0} fails")
    @MethodSource("brokenCopies")
    void aBrokenCopyFailsWithTheDefectNamed(String defect, UnaryOperator<String> breakIt, String expected) {
        String broken = breakIt.apply(text);
        assertThat(broken).as("the copy is really broken").isNotEqualTo(text);

        assertThat(DockerfileChecks.check(DOCKERFILE, broken)).contains(expected);
    }

    @Test
    void composeBuildsEveryInstanceOfTheLocalRunFromItWithItsModule() {
        LocalRun local = LocalRun.parse(RepositoryFiles.read(root.resolve("local.sh")));

        for (LocalRun.Instance instance : local.instances()) {
            JsonNode build = compose.path("services").path(instance.name()).path("build");
            assertThat(build.path("dockerfile").asText()).as(instance.name()).isEqualTo(DOCKERFILE);
            assertThat(ComposeChecker.buildArgs(build)).as(instance.name())
                    .containsEntry(ComposeChecker.SERVICE_ARG, instance.module());
        }
    }

    @Test
    void noModuleKeepsADockerfileOfItsOwn() throws IOException {
        List<Path> ownDockerfiles;
        try (Stream<Path> children = Files.list(root)) {
            ownDockerfiles = children.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.resolve("Dockerfile"))
                    .filter(Files::exists)
                    .toList();
        }

        assertThat(ownDockerfiles).as("build every service from " + DOCKERFILE + " instead").isEmpty();
    }
}
