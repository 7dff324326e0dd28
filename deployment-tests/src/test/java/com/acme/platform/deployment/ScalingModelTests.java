package com.acme.platform.deployment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/scaling.md is what deploy/Capacity.java writes from the current docs/benchmarks.md: it cannot drift. */
class ScalingModelTests {

    @Test
    void scalingDocumentIsWhatTheCapacityScriptGeneratesFromTheBenchmarks() throws Exception {
        Path root = RepositoryFiles.root();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "deploy/Capacity.java", "--stdout").directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String generated = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(RepositoryFiles.read(root.resolve("docs/scaling.md")))
                .as("docs/scaling.md is stale: run `java deploy/Capacity.java` from the repository root").isEqualTo(generated);
        assertThat(generated).contains("## 1,000 orders/s", "## 10,000 orders/s", "## 100,000 product reads/s");
    }
}
