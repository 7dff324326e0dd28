package com.acme.platform.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the devstack as one process for {@code ./local.sh}: starts every server on the fixed local ports (or the
 * ones in the environment), records the servers' pids, then writes a ready file with the startup times, and keeps
 * running until SIGTERM, when the shutdown hook stops every server it started.
 */
public final class DevstackMain {

    private DevstackMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DevstackSettings settings = DevstackSettings.fromEnvironment(System.getenv());
        Devstack stack = Devstack.start(settings);

        String pidsFile = System.getenv().getOrDefault("DEVSTACK_PIDS_FILE", "");
        if (!pidsFile.isBlank()) {
            StringBuilder lines = new StringBuilder();
            stack.serverPids().forEach((name, pid) -> lines.append(name).append(' ').append(pid).append('\n'));
            write(Path.of(pidsFile), lines.toString());
        }
        System.out.println("devstack ready: " + stack.startupReport());
        System.out.println("  postgres primary  127.0.0.1:" + settings.postgresPort() + "  databases " + settings.databases());
        System.out.println("  postgres standby  127.0.0.1:" + settings.standbyPort() + "  (streaming, hot standby)");
        System.out.println("  redis             127.0.0.1:" + settings.redisPort() + "  maxmemory " + settings.redisMaxMemory()
                + " " + settings.redisEvictionPolicy());
        System.out.println("  kafka             " + stack.kafkaBootstrapServers() + "  topics " + settings.allTopics());

        // Written last: its presence tells ./local.sh that every server is up.
        String ready = System.getenv().getOrDefault("DEVSTACK_READY_FILE", "");
        if (!ready.isBlank()) {
            write(Path.of(ready), stack.startupReport() + "\n");
        }
        new CountDownLatch(1).await(); // until SIGTERM; the shutdown hook in Devstack stops the servers
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content);
    }
}
