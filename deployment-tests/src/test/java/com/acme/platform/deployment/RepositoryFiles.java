package com.acme.platform.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files, read from its root (the surefire property {@code platform.root}, else the parent dir). */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        String configured = System.getProperty("platform.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("local.sh"))) {
            throw new IllegalStateException("not the repository root (no local.sh): " + root);
        }
        return root;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
