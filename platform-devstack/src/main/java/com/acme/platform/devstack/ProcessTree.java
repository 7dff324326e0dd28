package com.acme.platform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Freezes and resumes a server's whole process tree with SIGSTOP / SIGCONT: the hung-server fault. Connections stay
 * open and the kernel still accepts new ones into the listen backlog, but nothing answers, exactly like a frozen
 * process or a network partition (and unlike a stop, which refuses connections at once).
 *
 * <p>Java has no API to send SIGSTOP, so this runs {@code kill}, which every POSIX system has.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Stops the root first (it can fork no new child afterwards), then every descendant alive at that moment. */
    static void freeze(long rootPid) {
        ProcessHandle root = handle(rootPid);
        signal("STOP", List.of(rootPid));
        signal("STOP", root.descendants().map(ProcessHandle::pid).toList());
    }

    /** Resumes the descendants first, then the root, so the root finds its children running when it wakes up. */
    static void resume(long rootPid) {
        ProcessHandle root = handle(rootPid);
        signal("CONT", root.descendants().map(ProcessHandle::pid).toList());
        signal("CONT", List.of(rootPid));
    }

    private static ProcessHandle handle(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException("no running process " + pid));
    }

    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " did not return");
            }
            // A descendant that exited between listing and signalling makes kill fail for that pid only: harmless.
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
