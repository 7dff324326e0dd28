package com.acme.platform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the devstack as one process for {@code ./local.sh}: starts every server on the fixed local ports (or the
 * ones in the environment), writes a ready file with the startup times, and keeps running until SIGTERM, when
 * the shutdown hook stops every server it started.
 */
public final class DevstackMain {

    private DevstackMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DevstackSettings settings = DevstackSettings.fromEnvironment(System.getenv());
        Devstack stack = Devstack.start(settings);
        String ready = System.getenv().getOrDefault("DEVSTACK_READY_FILE", "");
        if (!ready.isBlank()) {
            Path file = Path.of(ready);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, stack.startupReport() + "\n");
        }
        System.out.println("devstack ready: " + stack.startupReport());
        new CountDownLatch(1).await(); // until SIGTERM; the shutdown hook in Devstack stops the servers
    }
}
